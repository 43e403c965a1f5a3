<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>StationScreen</name>
    <message>
        <source>Station</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Only supervisors and administrators load trust and revocation lists.</source>
        <translation>Seuls les superviseurs et les administrateurs chargent les listes de confiance et de révocation.</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>Ce poste</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Poste&#xa0;:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Signing keys:</source>
        <translation>Clés de signature&#xa0;:</translation>
    </message>
    <message>
        <source>What this station trusts (from HQ)</source>
        <translation>Ce que ce poste reconnaît (venant du siège)</translation>
    </message>
    <message>
        <source>HQ fingerprint:</source>
        <translation>Empreinte du siège&#xa0;:</translation>
    </message>
    <message>
        <source>Trust list:</source>
        <translation>Liste de confiance&#xa0;:</translation>
    </message>
    <message>
        <source>Revocation list:</source>
        <translation>Liste de révocation&#xa0;:</translation>
    </message>
    <message>
        <source>Load a newer list from HQ</source>
        <translation>Charger une liste plus récente du siège</translation>
    </message>
    <message>
        <source>HQ sends new trust lists (which post keys are valid) and revocation lists (slips that are no longer valid) on a USB stick. Older lists than the ones in use are refused.</source>
        <translation>Le siège envoie sur clé USB les nouvelles listes de confiance (les clés de poste valides) et de révocation (les fiches qui ne sont plus valides). Une liste plus ancienne que celle en service est refusée.</translation>
    </message>
    <message>
        <source>Load a trust or revocation list…</source>
        <translation>Charger une liste de confiance ou de révocation…</translation>
    </message>
    <message>
        <source>{id} — {name}</source>
        <translation>{id} — {name}</translation>
    </message>
    <message>
        <source>Border post</source>
        <translation>Poste frontière</translation>
    </message>
    <message>
        <source>Camp or host village (checks slips only)</source>
        <translation>Camp ou village d&apos;accueil (vérification des fiches uniquement)</translation>
    </message>
    <message>
        <source>{key}, valid {start} to {end}</source>
        <translation>{key}, valable du {start} au {end}</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>(en service)</translation>
    </message>
    <message>
        <source>none: load an enrollment file from HQ</source>
        <translation>aucune&#xa0;: chargez un fichier d&apos;enrôlement du siège</translation>
    </message>
    <message>
        <source>version {version}, issued {issued}, valid until {expires}</source>
        <translation>version {version}, émise le {issued}, valable jusqu&apos;au {expires}</translation>
    </message>
    <message>
        <source>EXPIRED: ask HQ for a new one</source>
        <translation>EXPIRÉE&#xa0;: demandez-en une nouvelle au siège</translation>
    </message>
    <message>
        <source>none loaded yet</source>
        <translation>aucune chargée pour l&apos;instant</translation>
    </message>
    <message>
        <source>version {version}, issued {issued}, 1 slip revoked</source>
        <translation>version {version}, émise le {issued}, 1 fiche révoquée</translation>
    </message>
    <message>
        <source>version {version}, issued {issued}, {count} slips revoked</source>
        <translation>version {version}, émise le {issued}, {count} fiches révoquées</translation>
    </message>
    <message>
        <source>Load a trust or revocation list</source>
        <translation>Charger une liste de confiance ou de révocation</translation>
    </message>
    <message>
        <source>HQ lists (*.cose);;All files (*)</source>
        <translation>Listes du siège (*.cose);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}</source>
        <translation>Impossible de lire {file}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Not loaded: {reason}</source>
        <translation>Non chargée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>This trust list (version {version}) is already in use; nothing changed.</source>
        <translation>Cette liste de confiance (version {version}) est déjà en service&#xa0;; rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>This revocation list (version {version}) is already in use; nothing changed.</source>
        <translation>Cette liste de révocation (version {version}) est déjà en service&#xa0;; rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>Trust list version {version} is now in use.</source>
        <translation>La liste de confiance version {version} est maintenant en service.</translation>
    </message>
    <message>
        <source>Revocation list version {version} is now in use.</source>
        <translation>La liste de révocation version {version} est maintenant en service.</translation>
    </message>
</context>
</TS>
