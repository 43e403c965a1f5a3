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
        <translation>Motif de la correction :</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the previous version.</source>
        <translation>Indiquez un motif : il est conservé avec la version précédente.</translation>
    </message>
</context>
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
        <source>Search, then choose a registration to see it here.</source>
        <translation>Recherchez, puis choisissez un enregistrement pour l&apos;afficher ici.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Going to</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Travelled by</source>
        <translation>Moyen de transport</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Lien avec le chef</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Né(e)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Registered by {user}; version {version}</source>
        <translation>Enregistré par {user} ; version {version}</translation>
    </message>
    <message>
        <source>Version {version}: {action} by {user}, reason: {reason}</source>
        <translation>Version {version} : {action} par {user}, motif : {reason}</translation>
    </message>
    <message>
        <source>Reissue slip {regno}</source>
        <translation>Rééditer la fiche {regno}</translation>
    </message>
    <message>
        <source>The current slip will stop being valid at camps. Why is a new one needed?</source>
        <translation>La fiche actuelle ne sera plus valable dans les camps. Pourquoi en faut-il une nouvelle ?</translation>
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
        <translation>Un enregistrement annulé est conservé mais n&apos;est plus compté, et sa fiche n&apos;est plus valable. Pourquoi l&apos;annuler ?</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annuler l&apos;enregistrement</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>corrigé</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>annulé</translation>
    </message>
</context>
</TS>
