<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DemoPage</name>
    <message>
        <source>Set up the demo post</source>
        <translation>Configurer le poste de démonstration</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>{user} ({role}), passphrase {passphrase}</source>
        <translation>{user} ({role}), phrase secrète {passphrase}</translation>
    </message>
    <message>
        <source>The demo post holds about 300 fictitious households registered over the last 30 days, with a surge in the last three, and a demo HQ so slips verify. Never type real people&apos;s data into it.</source>
        <translation>Le poste de démonstration contient environ 300 ménages fictifs enregistrés au cours des 30 derniers jours, avec un afflux sur les trois derniers, et un siège de démonstration pour que les fiches se vérifient. N&apos;y saisissez jamais les données de vraies personnes.</translation>
    </message>
    <message>
        <source>Its accounts (published, demo only):</source>
        <translation>Ses comptes (publics, pour la démonstration seulement)&#xa0;:</translation>
    </message>
    <message>
        <source>Create the demo post</source>
        <translation>Créer le poste de démonstration</translation>
    </message>
    <message>
        <source>The demo post is ready.</source>
        <translation>Le poste de démonstration est prêt.</translation>
    </message>
    <message>
        <source>Creating the demo post (a few seconds)…</source>
        <translation>Création du poste de démonstration (quelques secondes)…</translation>
    </message>
</context>
</TS>
