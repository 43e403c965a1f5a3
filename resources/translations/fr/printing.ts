<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>SlipDialog</name>
    <message>
        <source>The printer could not be started: check that it is connected and on.</source>
        <translation>L&apos;imprimante n&apos;a pas pu démarrer&#xa0;: vérifiez qu&apos;elle est branchée et allumée.</translation>
    </message>
    <message>
        <source>Slip {regno}</source>
        <translation>Fiche {regno}</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papier&#xa0;:</translation>
    </message>
    <message>
        <source>A6 sheet</source>
        <translation>Feuille A6</translation>
    </message>
    <message>
        <source>80 mm thermal roll</source>
        <translation>Rouleau thermique 80 mm</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Slip sent to the printer.</source>
        <translation>Fiche envoyée à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Save the slip as PDF</source>
        <translation>Enregistrer la fiche en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Slip saved to {path}</source>
        <translation>Fiche enregistrée dans {path}</translation>
    </message>
</context>
</TS>
