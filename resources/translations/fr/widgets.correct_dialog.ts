<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>CorrectDialog</name>
    <message>
        <source>Correct {regno}</source>
        <translation>Corriger {regno}</translation>
    </message>
    <message>
        <source>e.g. age mistyped at registration</source>
        <translation>p. ex. âge mal saisi à l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Reason for the correction:</source>
        <translation>Motif de la correction&#xa0;:</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the previous version.</source>
        <translation>Indiquez un motif&#xa0;: il est conservé avec la version précédente.</translation>
    </message>
</context>
</TS>
