<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>CampPage</name>
    <message>
        <source>Set up a camp station (verify only)</source>
        <translation>Configurer un poste de camp (vérification seulement)</translation>
    </message>
    <message>
        <source>This station checks slips against HQ&apos;s trust list; it registers nobody. Compare the fingerprint with the one HQ gave you by phone or on paper: it proves the list is HQ&apos;s.</source>
        <translation>Ce poste vérifie les fiches avec la liste de confiance du siège&#xa0;; il n&apos;enregistre personne. Comparez l&apos;empreinte avec celle que le siège vous a donnée par téléphone ou sur papier&#xa0;: elle prouve que la liste vient bien du siège.</translation>
    </message>
    <message>
        <source>e.g. CAMP1</source>
        <translation>p. ex. CAMP1</translation>
    </message>
    <message>
        <source>Station id:</source>
        <translation>Identifiant du poste&#xa0;:</translation>
    </message>
    <message>
        <source>Name of the camp or village:</source>
        <translation>Nom du camp ou du village&#xa0;:</translation>
    </message>
    <message>
        <source>Trust list file:</source>
        <translation>Fichier de la liste de confiance&#xa0;:</translation>
    </message>
    <message>
        <source>HQ&apos;s trust list</source>
        <translation>Liste de confiance du siège</translation>
    </message>
    <message>
        <source>HQ fingerprint:</source>
        <translation>Empreinte du siège&#xa0;:</translation>
    </message>
    <message>
        <source>Set up the camp station</source>
        <translation>Configurer le poste de camp</translation>
    </message>
    <message>
        <source>The station id must be 2 to 8 capital letters or digits, starting with a letter.</source>
        <translation>L&apos;identifiant du poste doit compter de 2 à 8 majuscules ou chiffres, et commencer par une lettre.</translation>
    </message>
    <message>
        <source>Choose the trust list file.</source>
        <translation>Choisissez le fichier de la liste de confiance.</translation>
    </message>
    <message>
        <source>Type HQ&apos;s fingerprint, as HQ gave it to you.</source>
        <translation>Tapez l&apos;empreinte du siège, telle que le siège vous l&apos;a donnée.</translation>
    </message>
    <message>
        <source>Setting up the camp station…</source>
        <translation>Configuration du poste de camp…</translation>
    </message>
</context>
</TS>
