<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Errors</name>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <source>Please check the entry</source>
        <translation>Veuillez vérifier la saisie</translation>
    </message>
    <message>
        <source>Slip revoked</source>
        <translation>Fiche révoquée</translation>
    </message>
    <message>
        <source>Slip not valid</source>
        <translation>Fiche non valide</translation>
    </message>
    <message>
        <source>The action could not be completed</source>
        <translation>L’action n’a pas pu être effectuée</translation>
    </message>
    <message>
        <source>Unexpected problem</source>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <source>The computer refused: {reason}.</source>
        <translation>L’ordinateur a refusé&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The action did not complete and nothing was changed. Details are in the log file.</source>
        <translation>L’action n’a pas abouti et rien n’a été modifié. Les détails sont dans le journal.</translation>
    </message>
</context>
</TS>
