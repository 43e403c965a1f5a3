<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>RegistrationView</name>
    <message>
        <source>Search, then choose a registration to see it here.</source>
        <translation>Recherchez, puis choisissez un enregistrement pour l&apos;afficher ici.</translation>
    </message>
    <message>
        <source>The other registrations are not affected. A supervisor can correct it from its slip (&apos;fieldreg correct REGNO FILE&apos;) or restore the data file from a backup; it is reported to HQ with the next batch.</source>
        <translation>Les autres enregistrements ne sont pas touchés. Un superviseur peut le corriger à partir de sa fiche («&#xa0;fieldreg correct REGNO FICHIER&#xa0;») ou restaurer le fichier de données depuis une sauvegarde&#xa0;; il est signalé au siège avec le prochain lot.</translation>
    </message>
    <message>
        <source>VOID:</source>
        <translation>ANNULÉ&#xa0;:</translation>
    </message>
    <message>
        <source>Arrived:</source>
        <translation>Arrivée&#xa0;:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Provenance&#xa0;:</translation>
    </message>
    <message>
        <source>Going to:</source>
        <translation>Destination&#xa0;:</translation>
    </message>
    <message>
        <source>Travelled by:</source>
        <translation>Moyen de transport&#xa0;:</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Consentement&#xa0;:</translation>
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
        <source>Notes:</source>
        <translation>Remarques&#xa0;:</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Historique&#xa0;:</translation>
    </message>
    <message>
        <source>Registered by {user}; version {version}</source>
        <translation>Enregistré par {user}&#xa0;; version {version}</translation>
    </message>
    <message>
        <source>Version {version}: {action} by {user}, reason: {reason}</source>
        <translation>Version {version}&#xa0;: {action} par {user}, motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>(this version cannot be opened: {part})</source>
        <translation>(cette version ne peut pas être ouverte&#xa0;: {part})</translation>
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
