<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <source>People already registered at this post with similar names appear here while you type. They never stop you from saving.</source>
        <translation>Les personnes déjà enregistrées à ce poste avec des noms proches s&apos;affichent ici pendant la saisie. Elles n&apos;empêchent jamais d&apos;enregistrer.</translation>
    </message>
    <message>
        <source>No one similar to {name} is registered here.</source>
        <translation>Aucune personne semblable à {name} n&apos;est enregistrée ici.</translation>
    </message>
    <message>
        <source>Similar to {name}:</source>
        <translation>Semblables à {name}&#xa0;:</translation>
    </message>
    <message>
        <source> [void]</source>
        <translation> [annulé]</translation>
    </message>
    <message>
        <source>{family} {given} ({who}){place}
{regno}{status} · {score}% alike
Why: {why}</source>
        <translation>{family} {given} ({who}){place}
{regno}{status} · ressemblance {score}&#xa0;%
Pourquoi&#xa0;: {why}</translation>
    </message>
    <message>
        <source>female, born {born}</source>
        <translation>femme, née {born}</translation>
    </message>
    <message>
        <source>male, born {born}</source>
        <translation>homme, né {born}</translation>
    </message>
    <message>
        <source>sex not stated, born {born}</source>
        <translation>sexe non indiqué, né(e) {born}</translation>
    </message>
</context>
</TS>
