<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ExportScreen</name>
    <message>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <source>Only supervisors and administrators of a border post export batches.</source>
        <translation>Seuls les superviseurs et les administrateurs d&apos;un poste frontière exportent des lots.</translation>
    </message>
    <message>
        <source>2. Export</source>
        <translation>2. Exporter</translation>
    </message>
    <message>
        <source>Every record not yet sent to HQ is written as one signed, encrypted batch, read back to check it, and only then marked as exported.</source>
        <translation>Toutes les données pas encore envoyées au siège sont écrites en un seul lot signé et chiffré, relues pour vérification, et seulement ensuite marquées comme exportées.</translation>
    </message>
    <message>
        <source>Export new records</source>
        <translation>Exporter les nouvelles données</translation>
    </message>
    <message>
        <source>Choose a USB stick or a folder first.</source>
        <translation>Choisissez d&apos;abord une clé USB ou un dossier.</translation>
    </message>
    <message>
        <source>Writing the batch to {where}…</source>
        <translation>Écriture du lot sur {where}…</translation>
    </message>
    <message>
        <source>Nothing new to export: no new registrations, corrections, duplicate decisions or slips since the last batch.</source>
        <translation>Rien de nouveau à exporter&#xa0;: aucun nouvel enregistrement, aucune correction, décision sur les doublons ou fiche depuis le dernier lot.</translation>
    </message>
    <message>
        <source>Batch {seq} written and checked: {records} records ({what}), in the file {file} on {where}.</source>
        <translation>Lot {seq} écrit et vérifié&#xa0;: {records} données ({what}), dans le fichier {file} sur {where}.</translation>
    </message>
    <message>
        <source>(An earlier export of this batch had not finished; the same batch was written.)</source>
        <translation>(Une exportation précédente de ce lot n&apos;avait pas abouti&#xa0;; le même lot a été écrit.)</translation>
    </message>
    <message>
        <source>Left out because they cannot be opened (damaged or altered), and reported to HQ: {records}. They stay queued; a supervisor can correct them from their slips.</source>
        <translation>Exclus parce qu&apos;ils ne peuvent pas être ouverts (endommagés ou modifiés), et signalés au siège&#xa0;: {records}. Ils restent en attente&#xa0;; un superviseur peut les corriger à partir de leurs fiches.</translation>
    </message>
    <message>
        <source>You may now remove the stick.</source>
        <translation>Vous pouvez maintenant retirer la clé.</translation>
    </message>
    <message>
        <source>Take this file to HQ.</source>
        <translation>Apportez ce fichier au siège.</translation>
    </message>
    <message>
        <source>Batch {seq} written again and checked, in the file {file} on {where}.</source>
        <translation>Lot {seq} réécrit et vérifié, dans le fichier {file} sur {where}.</translation>
    </message>
    <message>
        <source>Writing batch {seq} again…</source>
        <translation>Réécriture du lot {seq}…</translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation>Rien n&apos;a été écrit&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>1 registration</source>
        <translation>1 enregistrement</translation>
    </message>
    <message>
        <source>{n} registrations</source>
        <translation>{n} enregistrements</translation>
    </message>
    <message>
        <source>1 correction</source>
        <translation>1 correction</translation>
    </message>
    <message>
        <source>{n} corrections</source>
        <translation>{n} corrections</translation>
    </message>
    <message>
        <source>1 void</source>
        <translation>1 annulation</translation>
    </message>
    <message>
        <source>{n} voids</source>
        <translation>{n} annulations</translation>
    </message>
    <message>
        <source>1 duplicate decision</source>
        <translation>1 décision sur un doublon</translation>
    </message>
    <message>
        <source>{n} duplicate decisions</source>
        <translation>{n} décisions sur des doublons</translation>
    </message>
    <message>
        <source>1 slip revocation</source>
        <translation>1 révocation de fiche</translation>
    </message>
    <message>
        <source>{n} slip revocations</source>
        <translation>{n} révocations de fiches</translation>
    </message>
    <message>
        <source>1 unreadable version left out</source>
        <translation>1 version illisible exclue</translation>
    </message>
    <message>
        <source>{n} unreadable versions left out</source>
        <translation>{n} versions illisibles exclues</translation>
    </message>
    <message>
        <source>1 audit entry</source>
        <translation>1 entrée du journal d&apos;audit</translation>
    </message>
    <message>
        <source>{n} audit entries</source>
        <translation>{n} entrées du journal d&apos;audit</translation>
    </message>
    <message>
        <source>no records</source>
        <translation>aucune donnée</translation>
    </message>
</context>
</TS>
