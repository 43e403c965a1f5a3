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
        <source>choose female, male or other</source>
        <translation>choisissez femme, homme ou autre</translation>
    </message>
    <message>
        <source>choose the relationship to the head of household</source>
        <translation>choisissez le lien avec le chef de ménage</translation>
    </message>
    <message>
        <source>choose the type of document in the list and type its number</source>
        <translation>choisissez le type de pièce dans la liste et saisissez son numéro</translation>
    </message>
    <message>
        <source>not a country code: type three letters, e.g. MLI, BFA, CIV</source>
        <translation>code pays inconnu&#xa0;: saisissez trois lettres, p. ex. MLI, BFA, CIV</translation>
    </message>
    <message>
        <source>tick the box if the people registered gave their consent</source>
        <translation>cochez la case si les personnes enregistrées ont donné leur consentement</translation>
    </message>
    <message>
        <source>type at least the head of household</source>
        <translation>saisissez au moins le chef de ménage</translation>
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
        <source>tick the specific needs in the list</source>
        <translation>cochez les besoins spécifiques dans la liste</translation>
    </message>
    <message>
        <source>give the arrival date once: a date, or a date and time</source>
        <translation>indiquez la date d&apos;arrivée une seule fois&#xa0;: une date, ou une date et une heure</translation>
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
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Member&apos;s identifier</source>
        <translation>Identifiant du membre</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Member {number}: {why}</source>
        <translation>Membre {number}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Member {number} · {field}: {why}</source>
        <translation>Membre {number} · {field}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{field}: {why}</source>
        <translation>{field}&#xa0;: {why}</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>{first}; {then}</source>
        <translation>{first}&#xa0;; {then}</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>le fichier ou le dossier n&apos;existe pas</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>accès refusé</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>the disk or stick is read-only</source>
        <translation>le disque ou la clé USB est en lecture seule</translation>
    </message>
    <message>
        <source>the disk or stick could not be read or written (faulty medium?)</source>
        <translation>le disque ou la clé USB n&apos;a pas pu être lu ou écrit (support défectueux&#xa0;?)</translation>
    </message>
    <message>
        <source>this is a folder, not a file</source>
        <translation>c&apos;est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>une partie du chemin n&apos;est pas un dossier</translation>
    </message>
    <message>
        <source>it already exists</source>
        <translation>il existe déjà</translation>
    </message>
    <message>
        <source>the device is gone (stick removed?)</source>
        <translation>le périphérique a disparu (clé USB retirée&#xa0;?)</translation>
    </message>
    <message>
        <source>the file or device is busy</source>
        <translation>le fichier ou le périphérique est occupé</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>le nom est trop long</translation>
    </message>
    <message>
        <source>the system refused ({code})</source>
        <translation>le système a refusé ({code})</translation>
    </message>
    <message>
        <source>the data file is in use by another program</source>
        <translation>le fichier de données est utilisé par un autre programme</translation>
    </message>
    <message>
        <source>the disk could not be read or written (faulty medium?)</source>
        <translation>le disque n&apos;a pas pu être lu ou écrit (support défectueux&#xa0;?)</translation>
    </message>
    <message>
        <source>the data file is damaged</source>
        <translation>le fichier de données est endommagé</translation>
    </message>
    <message>
        <source>this is not a FieldReg data file</source>
        <translation>ce n&apos;est pas un fichier de données FieldReg</translation>
    </message>
    <message>
        <source>the data file cannot be opened</source>
        <translation>le fichier de données ne peut pas être ouvert</translation>
    </message>
    <message>
        <source>the data file cannot be written</source>
        <translation>le fichier de données ne peut pas être écrit</translation>
    </message>
    <message>
        <source>the database refused ({code})</source>
        <translation>la base de données a refusé ({code})</translation>
    </message>
    <message>
        <source>{regno} ({part})</source>
        <translation>{regno} ({part})</translation>
    </message>
    <message>
        <source>{regno} version {version} ({part})</source>
        <translation>{regno} version {version} ({part})</translation>
    </message>
</context>
</TS>
