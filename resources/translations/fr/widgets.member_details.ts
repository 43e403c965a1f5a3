<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>MemberDetails</name>
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
</context>
</TS>
