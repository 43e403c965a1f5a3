<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Confirm</name>
    <message>
        <source>Sign in as {user}?</source>
        <translation>Connecter {user}&#xa0;?</translation>
    </message>
    <message>
        <source>{previous} left unsaved work in: {screens}. It will be lost if {user} signs in now.</source>
        <translation>{previous} a laissé un travail non enregistré dans&#xa0;: {screens}. Il sera perdu si {user} se connecte maintenant.</translation>
    </message>
    <message>
        <source>Discard it and sign in</source>
        <translation>L&apos;abandonner et se connecter</translation>
    </message>
    <message>
        <source>Switch the language now?</source>
        <translation>Changer de langue maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Switching now rebuilds every screen, and the unsaved work in {screens} would be lost. Otherwise the new language is used from the next start of FieldReg.</source>
        <translation>Changer maintenant reconstruit tous les écrans, et le travail non enregistré dans {screens} serait perdu. Sinon, la nouvelle langue s&apos;appliquera au prochain démarrage de FieldReg.</translation>
    </message>
    <message>
        <source>Switch now</source>
        <translation>Changer maintenant</translation>
    </message>
    <message>
        <source>At the next start</source>
        <translation>Au prochain démarrage</translation>
    </message>
    <message>
        <source>Quit FieldReg?</source>
        <translation>Quitter FieldReg&#xa0;?</translation>
    </message>
    <message>
        <source>There is unsaved work in: {screens}. It will be lost.</source>
        <translation>Du travail n&apos;est pas enregistré dans&#xa0;: {screens}. Il sera perdu.</translation>
    </message>
    <message>
        <source>Quit and lose it</source>
        <translation>Quitter et le perdre</translation>
    </message>
</context>
</TS>
