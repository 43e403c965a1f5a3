<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>App</name>
    <message>
        <source>FieldReg cannot use the folder {directory}: {reason}.</source>
        <translation>FieldReg ne peut pas utiliser le dossier {directory}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>FieldReg cannot start</source>
        <translation>FieldReg ne peut pas démarrer</translation>
    </message>
</context>
</TS>
