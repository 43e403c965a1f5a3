<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Go back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the registration&apos;s history.</source>
        <translation>Indiquez un motif&#xa0;: il est conservé dans l&apos;historique de l&apos;enregistrement.</translation>
    </message>
</context>
</TS>
