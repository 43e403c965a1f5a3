<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>MainWindow</name>
    <message>
        <source>Sign-in cancelled: {user}&apos;s work is kept.</source>
        <translation>Connexion annulée&#xa0;: le travail du compte {user} est conservé.</translation>
    </message>
    <message>
        <source>Set up this computer</source>
        <translation>Configurer cet ordinateur</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
</context>
</TS>
