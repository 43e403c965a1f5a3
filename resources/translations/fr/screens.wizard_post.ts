<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>PostPage</name>
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
</context>
</TS>
