<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>VerifyScreen</name>
    <message>
        <source>Check slips</source>
        <translation>Contrôle des fiches</translation>
    </message>
    <message>
        <source>Scan the QR code on the slip with the scanner. Or type the registration number printed on the slip and press Enter.</source>
        <translation>Scannez le code QR de la fiche avec le lecteur. Ou tapez le numéro d&apos;enregistrement imprimé sur la fiche et appuyez sur Entrée.</translation>
    </message>
    <message>
        <source>Scan or type here, then Enter</source>
        <translation>Scannez ou tapez ici, puis Entrée</translation>
    </message>
    <message>
        <source>Slip code or registration number</source>
        <translation>Code de la fiche ou numéro d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Open a photo of the slip…</source>
        <translation>Ouvrir une photo de la fiche…</translation>
    </message>
    <message>
        <source>Use the camera</source>
        <translation>Utiliser la caméra</translation>
    </message>
    <message>
        <source>Next person (Esc)</source>
        <translation>Personne suivante (Échap)</translation>
    </message>
    <message>
        <source>This computer cannot check slips yet: it holds no valid list from HQ. An administrator must load HQ&apos;s trust list first. ({reason})</source>
        <translation>Cet ordinateur ne peut pas encore contrôler les fiches&#xa0;: il ne détient aucune liste valide du siège. Un administrateur doit d&apos;abord charger la liste de confiance du siège. ({reason})</translation>
    </message>
    <message>
        <source>Open a photo, a scan or the PDF of the slip</source>
        <translation>Ouvrir une photo, un scan ou le PDF de la fiche</translation>
    </message>
    <message>
        <source>Photos, scans and PDF ({patterns})</source>
        <translation>Photos, scans et PDF ({patterns})</translation>
    </message>
    <message>
        <source>Reading the image…</source>
        <translation>Lecture de l&apos;image…</translation>
    </message>
    <message>
        <source>The image holds {count} codes: the first one is shown.</source>
        <translation>L&apos;image contient {count} codes&#xa0;: le premier est affiché.</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Arrêter la caméra</translation>
    </message>
    <message>
        <source>Hold the slip&apos;s QR code in front of the camera.</source>
        <translation>Présentez le code QR de la fiche devant la caméra.</translation>
    </message>
    <message>
        <source>The camera stopped: {reason}</source>
        <translation>La caméra s&apos;est arrêtée&#xa0;: {reason}</translation>
    </message>
</context>
</TS>
