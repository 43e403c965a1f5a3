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
        <source>1. Where to write</source>
        <translation>1. Où écrire</translation>
    </message>
    <message>
        <source>Plug in a USB stick and choose it below, or choose a folder.</source>
        <translation>Branchez une clé USB et choisissez-la ci-dessous, ou choisissez un dossier.</translation>
    </message>
    <message>
        <source>No USB stick found. Plug one in (it appears here by itself), or choose a folder.</source>
        <translation>Aucune clé USB trouvée. Branchez-en une (elle apparaît ici d&apos;elle-même), ou choisissez un dossier.</translation>
    </message>
    <message>
        <source>Look for sticks again</source>
        <translation>Rechercher à nouveau les clés</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choisir un dossier…</translation>
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
        <source>Batches of this post</source>
        <translation>Lots de ce poste</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Write the chosen batch again</source>
        <translation>Réécrire le lot choisi</translation>
    </message>
    <message>
        <source>For a lost or broken stick: the same file is written again to the destination chosen above.</source>
        <translation>En cas de clé perdue ou abîmée : le même fichier est réécrit vers la destination choisie ci-dessus.</translation>
    </message>
    <message>
        <source>Load a receipt from HQ…</source>
        <translation>Charger un accusé de réception du siège…</translation>
    </message>
    <message>
        <source>{name} — {free} free</source>
        <translation>{name} — {free} libres</translation>
    </message>
    <message>
        <source>Choose the folder to write to</source>
        <translation>Choisir le dossier de destination</translation>
    </message>
    <message>
        <source>the USB stick “{name}” ({path})</source>
        <translation>la clé USB « {name} » ({path})</translation>
    </message>
    <message>
        <source>the folder {path}</source>
        <translation>le dossier {path}</translation>
    </message>
    <message>
        <source>Destination: none chosen yet.</source>
        <translation>Destination : aucune choisie pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Destination: {where}</source>
        <translation>Destination : {where}</translation>
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
        <translation>Rien de nouveau à exporter : aucun nouvel enregistrement, aucune correction, décision sur les doublons ou fiche depuis le dernier lot.</translation>
    </message>
    <message>
        <source>Batch {seq} written and checked: {records} records ({what}), in the file {file} on {where}.</source>
        <translation>Lot {seq} écrit et vérifié : {records} données ({what}), dans le fichier {file} sur {where}.</translation>
    </message>
    <message>
        <source>(An earlier export of this batch had not finished; the same batch was written.)</source>
        <translation>(Une exportation précédente de ce lot n&apos;avait pas abouti ; le même lot a été écrit.)</translation>
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
        <source>Receipt not loaded: {reason}</source>
        <translation>Accusé de réception non chargé : {reason}</translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation>Rien n&apos;a été écrit : {reason}</translation>
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
    <message>
        <source>Not yet written to a stick: export again</source>
        <translation>Pas encore écrit sur une clé : exportez à nouveau</translation>
    </message>
    <message>
        <source>Exported on {date}, not yet received by HQ</source>
        <translation>Exporté le {date}, pas encore reçu par le siège</translation>
    </message>
    <message>
        <source>Received by HQ on {date}</source>
        <translation>Reçu par le siège le {date}</translation>
    </message>
    <message>
        <source>Load a receipt from HQ</source>
        <translation>Charger un accusé de réception du siège</translation>
    </message>
    <message>
        <source>HQ receipts (receipt-*.cose);;All files (*)</source>
        <translation>Accusés de réception du siège (receipt-*.cose);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}</source>
        <translation>Impossible de lire {file} : {reason}</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: batch {numbers} received by HQ.</source>
        <translation>Accusé de réception du siège pour le poste {post} : lot {numbers} reçu par le siège.</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: batches {numbers} received by HQ.</source>
        <translation>Accusé de réception du siège pour le poste {post} : lots {numbers} reçus par le siège.</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: no batch newly received.</source>
        <translation>Accusé de réception du siège pour le poste {post} : aucun nouveau lot reçu.</translation>
    </message>
    <message>
        <source>(Already known as received: {numbers}.)</source>
        <translation>(Déjà connus comme reçus : {numbers}.)</translation>
    </message>
    <message>
        <source>HQ holds a different batch {numbers} from this post than this station made (a copied laptop or a restored backup?): tell HQ.</source>
        <translation>Le siège détient un lot {numbers} de ce poste différent de celui que ce poste a créé (ordinateur copié ou sauvegarde restaurée ?) : prévenez le siège.</translation>
    </message>
    <message>
        <source>HQ holds batch {numbers} of this post that this station never made (a copied laptop or a restored backup?): tell HQ before exporting again.</source>
        <translation>Le siège détient le lot {numbers} de ce poste que ce poste n&apos;a jamais créé (ordinateur copié ou sauvegarde restaurée ?) : prévenez le siège avant d&apos;exporter à nouveau.</translation>
    </message>
</context>
</TS>
