<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this computer</source>
        <translation>Configurer cet ordinateur</translation>
    </message>
    <message>
        <source>There is no FieldReg station on this computer yet (folder {folder}). Choose what this computer will be.</source>
        <translation>Cet ordinateur n&apos;a pas encore de poste FieldReg (dossier {folder}). Choisissez ce que sera cet ordinateur.</translation>
    </message>
    <message>
        <source>A border post</source>
        <translation>Un poste frontière</translation>
    </message>
    <message>
        <source>Registers arriving households. You need the enrollment file HQ prepared for this post and its passphrase.</source>
        <translation>Enregistre les ménages qui arrivent. Il vous faut le fichier d&apos;enrôlement préparé par le siège pour ce poste et sa phrase secrète.</translation>
    </message>
    <message>
        <source>A camp or host village (verify slips only)</source>
        <translation>Un camp ou un village d&apos;accueil (vérification des fiches seulement)</translation>
    </message>
    <message>
        <source>Checks the slips people carry. You need HQ&apos;s trust list file and HQ&apos;s fingerprint, given by phone or on paper.</source>
        <translation>Vérifie les fiches que les personnes présentent. Il vous faut le fichier de la liste de confiance du siège et l&apos;empreinte du siège, donnée par téléphone ou sur papier.</translation>
    </message>
    <message>
        <source>A demo post, to try FieldReg</source>
        <translation>Un poste de démonstration, pour essayer FieldReg</translation>
    </message>
    <message>
        <source>A border post filled with fictitious households and three demo accounts. Never for real registrations.</source>
        <translation>Un poste frontière rempli de ménages fictifs, avec trois comptes de démonstration. Jamais pour de vrais enregistrements.</translation>
    </message>
</context>
</TS>
