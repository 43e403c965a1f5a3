<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>StatusLine</name>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Verrouiller (Ctrl+L)</translation>
    </message>
    <message>
        <source>Hide everything until you type your passphrase again</source>
        <translation>Tout masquer jusqu&apos;à ce que vous retapiez votre phrase secrète</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>Signed in: {user} ({role})</source>
        <translation>Connecté&#xa0;: {user} ({role})</translation>
    </message>
    <message>
        <source>Locked ({user})</source>
        <translation>Verrouillé ({user})</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>No station set up yet</source>
        <translation>Aucun poste configuré</translation>
    </message>
    <message>
        <source>camp station, verify only</source>
        <translation>camp, vérification seulement</translation>
    </message>
    <message>
        <source>border post</source>
        <translation>poste frontière</translation>
    </message>
    <message>
        <source>{name} ({id}), {kind}</source>
        <translation>{name} ({id}), {kind}</translation>
    </message>
</context>
</TS>
