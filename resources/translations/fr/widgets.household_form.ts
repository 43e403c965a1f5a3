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
        <translation>Saisissez un âge, une date de naissance (JJ/MM/AAAA) ou une année de naissance : le reste se remplit.</translation>
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
    <message>
        <source>More about member 1 (optional)</source>
        <translation>Précisions sur le membre 1 (facultatif)</translation>
    </message>
    <message>
        <source>e.g. bm, ff, fr</source>
        <translation>p. ex. bm, ff, fr</translation>
    </message>
    <message>
        <source>(no document)</source>
        <translation>(aucune pièce)</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Autres noms</translation>
    </message>
    <message>
        <source>Nationality (code)</source>
        <translation>Nationalité (code)</translation>
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
        <source>1 problem to fix before saving:</source>
        <translation>1 point à corriger avant d&apos;enregistrer :</translation>
    </message>
    <message>
        <source>{count} problems to fix before saving:</source>
        <translation>{count} points à corriger avant d&apos;enregistrer :</translation>
    </message>
    <message>
        <source>More about member {number} (optional)</source>
        <translation>Précisions sur le membre {number} (facultatif)</translation>
    </message>
    <message>
        <source>unaccompanied minor</source>
        <translation>mineur non accompagné</translation>
    </message>
    <message>
        <source>separated child</source>
        <translation>enfant séparé</translation>
    </message>
    <message>
        <source>child at risk</source>
        <translation>enfant à risque</translation>
    </message>
    <message>
        <source>serious medical condition</source>
        <translation>problème médical grave</translation>
    </message>
    <message>
        <source>disability</source>
        <translation>handicap</translation>
    </message>
    <message>
        <source>woman at risk</source>
        <translation>femme à risque</translation>
    </message>
    <message>
        <source>older person at risk</source>
        <translation>personne âgée à risque</translation>
    </message>
    <message>
        <source>single parent or caregiver</source>
        <translation>parent ou tuteur seul</translation>
    </message>
    <message>
        <source>pregnant or lactating</source>
        <translation>femme enceinte ou allaitante</translation>
    </message>
    <message>
        <source>legal and physical protection needs</source>
        <translation>besoins de protection juridique et physique</translation>
    </message>
    <message>
        <source>survivor of torture</source>
        <translation>survivant(e) de torture</translation>
    </message>
    <message>
        <source>survivor of gender-based violence</source>
        <translation>survivant(e) de violences basées sur le genre</translation>
    </message>
    <message>
        <source>National identity card</source>
        <translation>Carte nationale d&apos;identité</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Passeport</translation>
    </message>
    <message>
        <source>Birth certificate</source>
        <translation>Acte de naissance</translation>
    </message>
    <message>
        <source>Consular card</source>
        <translation>Carte consulaire</translation>
    </message>
    <message>
        <source>Voter card</source>
        <translation>Carte d&apos;électeur</translation>
    </message>
    <message>
        <source>Driving licence</source>
        <translation>Permis de conduire</translation>
    </message>
    <message>
        <source>Refugee identity card</source>
        <translation>Carte d&apos;identité de réfugié</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>Autre pièce</translation>
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
        <source>Nationality</source>
        <translation>Nationalité</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Pays d&apos;origine</translation>
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
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <source>type an age, a birth date or a birth year</source>
        <translation>saisissez un âge, une date ou une année de naissance</translation>
    </message>
    <message>
        <source>not a date: type it as DD/MM/YYYY, e.g. 02/03/2019</source>
        <translation>date invalide : saisissez-la en JJ/MM/AAAA, p. ex. 02/03/2019</translation>
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
        <translation>code pays inconnu : saisissez trois lettres, p. ex. MLI, BFA, CIV</translation>
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
        <source>Member {number} · {field}: {why}</source>
        <translation>Membre {number} · {field} : {why}</translation>
    </message>
    <message>
        <source>{field}: {why}</source>
        <translation>{field} : {why}</translation>
    </message>
</context>
</TS>
