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
        <translation>Personne de semblable à {name} n&apos;est enregistré ici.</translation>
    </message>
    <message>
        <source>Similar to {name}:</source>
        <translation>Proches de {name} :</translation>
    </message>
    <message>
        <source>{family} {given} ({sex}, born {born}){place}
{regno}{status} · {score}% alike
Why: {why}</source>
        <translation>{family} {given} ({sex}, né(e) {born}){place}
{regno}{status} · ressemblance {score} %
Pourquoi : {why}</translation>
    </message>
</context>
</TS>
