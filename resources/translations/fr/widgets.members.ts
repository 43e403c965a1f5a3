<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Members</name>
    <message>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Other / not stated</source>
        <translation>Autre / non précisé</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chef de ménage</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Conjoint(e)</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Enfant</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Père ou mère</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>Frère ou sœur</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Petit-enfant</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>Autre parent</translation>
    </message>
    <message>
        <source>Not related</source>
        <translation>Sans lien de parenté</translation>
    </message>
    <message>
        <source>f m x</source>
        <comment>the letters typed to choose Female, Male, Other, in this order</comment>
        <translation>f h x</translation>
    </message>
    <message>
        <source>h s c p b g o n</source>
        <comment>the letters typed to choose Head, Spouse, Child, Parent, Brother or sister, Grandchild, Other relative, Not related, in this order; a word may be a prefix of a later one (p, pe)</comment>
        <translation>ch co e p f pe a s</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Given names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nom de famille</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Lien avec le chef</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Born on</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Type an age, a birth date (DD/MM/YYYY) or a birth year in the Age cell: the others fill in.</source>
        <translation>Tapez un âge, une date de naissance (JJ/MM/AAAA) ou une année de naissance dans la case Âge&#xa0;: les autres se remplissent.</translation>
    </message>
</context>
</TS>
