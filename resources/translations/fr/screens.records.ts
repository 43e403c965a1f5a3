<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>RecordsScreen</name>
    <message>
        <source>Records</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Names or registration number (Ctrl+F)</source>
        <translation>Noms ou numéro d&apos;enregistrement (Ctrl+F)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chef de ménage</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Print slip (Ctrl+P)</source>
        <translation>Imprimer la fiche (Ctrl+P)</translation>
    </message>
    <message>
        <source>Reissue slip…</source>
        <translation>Rééditer la fiche…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Corriger…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Annuler l&apos;enregistrement…</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>ANNULÉ</translation>
    </message>
    <message>
        <source>No registration matches.</source>
        <translation>Aucun enregistrement ne correspond.</translation>
    </message>
    <message>
        <source>1 registration found.</source>
        <translation>1 enregistrement trouvé.</translation>
    </message>
    <message>
        <source>{count} registrations found.</source>
        <translation>{count} enregistrements trouvés.</translation>
    </message>
    <message>
        <source>Cannot be opened (damaged or altered), left out: {records}.</source>
        <translation>Ne peuvent pas être ouverts (endommagés ou modifiés), exclus&#xa0;: {records}.</translation>
    </message>
    <message>
        <source>Reissue slip {regno}</source>
        <translation>Rééditer la fiche {regno}</translation>
    </message>
    <message>
        <source>The current slip will stop being valid at camps. Why is a new one needed?</source>
        <translation>La fiche actuelle ne sera plus valable dans les camps. Pourquoi en faut-il une nouvelle&#xa0;?</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>Rééditer</translation>
    </message>
    <message>
        <source>Void {regno}</source>
        <translation>Annuler {regno}</translation>
    </message>
    <message>
        <source>A void registration is kept but no longer counts, and its slip stops being valid. Why is it void?</source>
        <translation>Un enregistrement annulé est conservé mais n&apos;est plus compté, et sa fiche n&apos;est plus valable. Pourquoi l&apos;annuler&#xa0;?</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annuler l&apos;enregistrement</translation>
    </message>
</context>
</TS>
