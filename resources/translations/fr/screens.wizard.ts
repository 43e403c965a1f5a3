<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>SetupWizard</name>
    <message>
        <source>Administrator&apos;s user name:</source>
        <translation>Nom d&apos;utilisateur de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s passphrase:</source>
        <translation>Phrase secrète de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Passphrase again:</source>
        <translation>Phrase secrète (encore)&#xa0;:</translation>
    </message>
    <message>
        <source>The user name must be 2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>Le nom d&apos;utilisateur doit compter de 2 à 32 lettres minuscules, chiffres, «&#xa0;.&#xa0;», «&#xa0;_&#xa0;» ou «&#xa0;-&#xa0;», et commencer par une lettre.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>La phrase secrète doit compter au moins {n} caractères.</translation>
    </message>
    <message>
        <source>The passphrase must not be the user name.</source>
        <translation>La phrase secrète ne doit pas être le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type them again.</source>
        <translation>Les deux phrases secrètes sont différentes&#xa0;; tapez-les de nouveau.</translation>
    </message>
    <message>
        <source>Set up this computer</source>
        <translation>Configurer cet ordinateur</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>There is no FieldReg station on this computer yet (folder {folder}). Choose what this computer will be.</source>
        <translation>Cet ordinateur n&apos;a pas encore de poste FieldReg (dossier {folder}). Choisissez ce que sera cet ordinateur.</translation>
    </message>
    <message>
        <source>A border post</source>
        <translation>Un poste frontière</translation>
    </message>
    <message>
        <source>Registers arriving households. You need the enrollment file HQ prepared for this post and its passphrase.</source>
        <translation>Enregistre les ménages qui arrivent. Il vous faut le fichier d&apos;enrôlement préparé par le siège pour ce poste et sa phrase secrète.</translation>
    </message>
    <message>
        <source>A camp or host village (verify slips only)</source>
        <translation>Un camp ou un village d&apos;accueil (vérification des fiches seulement)</translation>
    </message>
    <message>
        <source>Checks the slips people carry. You need HQ&apos;s trust list file and HQ&apos;s fingerprint, given by phone or on paper.</source>
        <translation>Vérifie les fiches que les personnes présentent. Il vous faut le fichier de la liste de confiance du siège et l&apos;empreinte du siège, donnée par téléphone ou sur papier.</translation>
    </message>
    <message>
        <source>A demo post, to try FieldReg</source>
        <translation>Un poste de démonstration, pour essayer FieldReg</translation>
    </message>
    <message>
        <source>A border post filled with fictitious households and three demo accounts. Never for real registrations.</source>
        <translation>Un poste frontière rempli de ménages fictifs, avec trois comptes de démonstration. Jamais pour de vrais enregistrements.</translation>
    </message>
    <message>
        <source>Set up a border post</source>
        <translation>Configurer un poste frontière</translation>
    </message>
    <message>
        <source>HQ gave you an enrollment file for this post (on a USB stick) and, separately, its passphrase. The post&apos;s signing key comes from that file.</source>
        <translation>Le siège vous a remis un fichier d&apos;enrôlement pour ce poste (sur une clé USB) et, séparément, sa phrase secrète. La clé de signature du poste vient de ce fichier.</translation>
    </message>
    <message>
        <source>Enrollment file:</source>
        <translation>Fichier d&apos;enrôlement&#xa0;:</translation>
    </message>
    <message>
        <source>HQ&apos;s enrollment file</source>
        <translation>Fichier d&apos;enrôlement du siège</translation>
    </message>
    <message>
        <source>Enrollment passphrase (from HQ):</source>
        <translation>Phrase secrète d&apos;enrôlement (du siège)&#xa0;:</translation>
    </message>
    <message>
        <source>Name of the post:</source>
        <translation>Nom du poste&#xa0;:</translation>
    </message>
    <message>
        <source>Set up the post</source>
        <translation>Configurer le poste</translation>
    </message>
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
        <source>Set up the demo post</source>
        <translation>Configurer le poste de démonstration</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>{user} ({role}), passphrase {passphrase}</source>
        <translation>{user} ({role}), phrase secrète {passphrase}</translation>
    </message>
    <message>
        <source>The demo post holds about 300 fictitious households registered over the last 30 days, with a surge in the last three, and a demo HQ so slips verify. Never type real people&apos;s data into it.</source>
        <translation>Le poste de démonstration contient environ 300 ménages fictifs enregistrés au cours des 30 derniers jours, avec un afflux sur les trois derniers, et un siège de démonstration pour que les fiches se vérifient. N&apos;y saisissez jamais les données de vraies personnes.</translation>
    </message>
    <message>
        <source>Its accounts (published, demo only):</source>
        <translation>Ses comptes (publics, pour la démonstration seulement)&#xa0;:</translation>
    </message>
    <message>
        <source>Create the demo post</source>
        <translation>Créer le poste de démonstration</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Impossible de lire {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Choose the enrollment file.</source>
        <translation>Choisissez le fichier d&apos;enrôlement.</translation>
    </message>
    <message>
        <source>This is not an enrollment file from HQ.</source>
        <translation>Ce n&apos;est pas un fichier d&apos;enrôlement du siège.</translation>
    </message>
    <message>
        <source>Post {post}. HQ fingerprint {fingerprint}: compare it with the one HQ gave you.</source>
        <translation>Poste {post}. Empreinte du siège {fingerprint}&#xa0;: comparez-la avec celle que le siège vous a donnée.</translation>
    </message>
    <message>
        <source>The station was not set up.</source>
        <translation>Le poste n&apos;a pas été configuré.</translation>
    </message>
    <message>
        <source>Type the enrollment passphrase HQ gave you.</source>
        <translation>Tapez la phrase secrète d&apos;enrôlement que le siège vous a donnée.</translation>
    </message>
    <message>
        <source>Type the name of the post.</source>
        <translation>Tapez le nom du poste.</translation>
    </message>
    <message>
        <source>Wrong enrollment passphrase: type it exactly as HQ gave it.</source>
        <translation>Phrase secrète d&apos;enrôlement incorrecte&#xa0;: tapez-la exactement comme le siège l&apos;a donnée.</translation>
    </message>
    <message>
        <source>Setting up the post…</source>
        <translation>Configuration du poste…</translation>
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
    <message>
        <source>The demo post is ready.</source>
        <translation>Le poste de démonstration est prêt.</translation>
    </message>
    <message>
        <source>Creating the demo post (a few seconds)…</source>
        <translation>Création du poste de démonstration (quelques secondes)…</translation>
    </message>
</context>
</TS>
