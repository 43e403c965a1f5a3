<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DestinationBox</name>
    <message>
        <source>1. Where to write</source>
        <translation>1. Où écrire</translation>
    </message>
    <message>
        <source>Plug in a USB stick and choose it below, or choose a folder.</source>
        <translation>Branchez une clé USB et choisissez-la ci-dessous, ou choisissez un dossier.</translation>
    </message>
    <message>
        <source>No USB stick found. Plug one in (it appears here by itself), or choose a folder.</source>
        <translation>Aucune clé USB trouvée. Branchez-en une (elle apparaît ici d&apos;elle-même), ou choisissez un dossier.</translation>
    </message>
    <message>
        <source>Look for sticks again</source>
        <translation>Rechercher à nouveau les clés</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <source>{name} — {free} free</source>
        <translation>{name} — {free} libres</translation>
    </message>
    <message>
        <source>Choose the folder to write to</source>
        <translation>Choisir le dossier de destination</translation>
    </message>
    <message>
        <source>the USB stick “{name}” ({path})</source>
        <translation>la clé USB «&#xa0;{name}&#xa0;» ({path})</translation>
    </message>
    <message>
        <source>the folder {path}</source>
        <translation>le dossier {path}</translation>
    </message>
    <message>
        <source>Destination: none chosen yet.</source>
        <translation>Destination&#xa0;: aucune choisie pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Destination: {where}</source>
        <translation>Destination&#xa0;: {where}</translation>
    </message>
</context>
</TS>
