<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>FormProblems</name>
    <message>
        <source>type an age, a birth date or a birth year</source>
        <translation>saisissez un âge, une date ou une année de naissance</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <source>not a date: type it as DD/MM/YYYY, e.g. 02/03/2019</source>
        <translation>date invalide&#xa0;: saisissez-la en JJ/MM/AAAA, p. ex. 02/03/2019</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>pas un nombre entier</translation>
    </message>
    <message>
        <source>one member must be the head of household</source>
        <translation>un membre doit être le chef de ménage</translation>
    </message>
    <message>
        <source>only one member can be the head of household</source>
        <translation>un seul membre peut être chef de ménage</translation>
    </message>
    <message>
        <source>not a country code: type three letters, e.g. MLI, BFA, CIV</source>
        <translation>code pays inconnu&#xa0;: saisissez trois lettres, p. ex. MLI, BFA, CIV</translation>
    </message>
    <message>
        <source>choose female, male or other</source>
        <translation>choisissez femme, homme ou autre</translation>
    </message>
    <message>
        <source>choose the relationship to the head of household</source>
        <translation>choisissez le lien avec le chef de ménage</translation>
    </message>
    <message>
        <source>type at least the head of household</source>
        <translation>saisissez au moins le chef de ménage</translation>
    </message>
    <message>
        <source>only letters, spaces, apostrophes and hyphens are allowed</source>
        <translation>seuls les lettres, espaces, apostrophes et traits d&apos;union sont acceptés</translation>
    </message>
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
        <source>Age or birth date</source>
        <translation>Âge ou date de naissance</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Autres noms</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Nationalité</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>Specific needs</source>
        <translation>Besoins spécifiques</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Pièce d&apos;identité</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Pays d&apos;origine</translation>
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
        <source>Arrival date</source>
        <translation>Date d&apos;arrivée</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Member {number} · {field}: {why}</source>
        <translation>Membre {number} · {field}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{field}: {why}</source>
        <translation>{field}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>1 problem to fix before saving:</source>
        <translation>1 point à corriger avant d&apos;enregistrer&#xa0;:</translation>
    </message>
    <message>
        <source>{count} problems to fix before saving:</source>
        <translation>{count} points à corriger avant d&apos;enregistrer&#xa0;:</translation>
    </message>
</context>
</TS>
