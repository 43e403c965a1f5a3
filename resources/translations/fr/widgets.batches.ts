<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>BatchesBox</name>
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
        <translation>En cas de clé perdue ou abîmée&#xa0;: le même fichier est réécrit vers la destination choisie ci-dessus.</translation>
    </message>
    <message>
        <source>Load a receipt from HQ…</source>
        <translation>Charger un accusé de réception du siège…</translation>
    </message>
    <message>
        <source>Not yet written to a stick: export again</source>
        <translation>Pas encore écrit sur une clé&#xa0;: exportez à nouveau</translation>
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
        <translation>Impossible de lire {file}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Receipt not loaded: {reason}</source>
        <translation>Accusé de réception non chargé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: batch {numbers} received by HQ.</source>
        <translation>Accusé de réception du siège pour le poste {post}&#xa0;: lot {numbers} reçu par le siège.</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: batches {numbers} received by HQ.</source>
        <translation>Accusé de réception du siège pour le poste {post}&#xa0;: lots {numbers} reçus par le siège.</translation>
    </message>
    <message>
        <source>Receipt from HQ for post {post}: no batch newly received.</source>
        <translation>Accusé de réception du siège pour le poste {post}&#xa0;: aucun nouveau lot reçu.</translation>
    </message>
    <message>
        <source>(Already known as received: {numbers}.)</source>
        <translation>(Déjà connus comme reçus&#xa0;: {numbers}.)</translation>
    </message>
    <message>
        <source>HQ holds a different batch {numbers} from this post than this station made (a copied laptop or a restored backup?): tell HQ.</source>
        <translation>Le siège détient un lot {numbers} de ce poste différent de celui que ce poste a créé (ordinateur copié ou sauvegarde restaurée&#xa0;?)&#xa0;: prévenez le siège.</translation>
    </message>
    <message>
        <source>HQ holds batch {numbers} of this post that this station never made (a copied laptop or a restored backup?): tell HQ before exporting again.</source>
        <translation>Le siège détient le lot {numbers} de ce poste que ce poste n&apos;a jamais créé (ordinateur copié ou sauvegarde restaurée&#xa0;?)&#xa0;: prévenez le siège avant d&apos;exporter à nouveau.</translation>
    </message>
</context>
</TS>
