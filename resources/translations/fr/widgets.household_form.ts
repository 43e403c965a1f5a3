<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Add member (Ctrl+M)</source>
        <translation>Ajouter un membre (Ctrl+M)</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Retirer le membre</translation>
    </message>
    <message>
        <source>Members (the head of household first)</source>
        <translation>Membres (le chef de ménage en premier)</translation>
    </message>
    <message>
        <source>Type an age, a birth date (DD/MM/YYYY) or a birth year: the others fill in.</source>
        <translation>Saisissez un âge, une date de naissance (JJ/MM/AAAA) ou une année de naissance&#xa0;: le reste se remplit.</translation>
    </message>
    <message>
        <source>e.g. MLI</source>
        <translation>p. ex. MLI</translation>
    </message>
    <message>
        <source>village or town</source>
        <translation>village ou ville</translation>
    </message>
    <message>
        <source>camp or host community</source>
        <translation>camp ou communauté d&apos;accueil</translation>
    </message>
    <message>
        <source>Consent to registration given</source>
        <translation>Consentement à l&apos;enregistrement donné</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>From (country code)</source>
        <translation>Provenance (code pays)</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Village / town</source>
        <translation>Village / ville</translation>
    </message>
    <message>
        <source>Going to</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Travelled by</source>
        <translation>Moyen de transport</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>Arrivé(e) le</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
</context>
</TS>
