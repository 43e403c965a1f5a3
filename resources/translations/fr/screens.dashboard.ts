<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Only supervisors and administrators of a border post see the dashboard.</source>
        <translation>Seuls les superviseurs et les administrateurs d&apos;un poste frontière voient le tableau de bord.</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>the last {n} days</source>
        <translation>les {n} derniers jours</translation>
    </message>
    <message>
        <source>Arrivals per day (people)</source>
        <translation>Arrivées par jour (personnes)</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>By origin (people)</source>
        <translation>Par provenance (personnes)</translation>
    </message>
    <message>
        <source>By sex (people)</source>
        <translation>Par sexe (personnes)</translation>
    </message>
    <message>
        <source>By age band at arrival (people)</source>
        <translation>Par tranche d&apos;âge à l&apos;arrivée (personnes)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Counting arrivals…</source>
        <translation>Décompte des arrivées…</translation>
    </message>
    <message>
        <source>{n} household(s) registered here have not reached HQ; the oldest has waited {days} day(s). Connect to HQ (sync) or send a batch on a USB stick.</source>
        <translation>{n} ménage(s) enregistré(s) ici ne sont pas parvenus au siège&#xa0;; le plus ancien attend depuis {days} jour(s). Connectez-vous au siège (synchronisation) ou envoyez un lot sur clé USB.</translation>
    </message>
    <message>
        <source>{count} registration(s) cannot be opened (damaged or altered) and are left out of these counts, searches and batches for HQ: {records}. Correct each from its slip (&apos;fieldreg correct REGNO FILE&apos;), or restore the data file from a backup; HQ is told in the next batch.</source>
        <translation>{count} enregistrement(s) ne peuvent pas être ouverts (endommagés ou modifiés) et sont exclus de ces chiffres, des recherches et des lots pour le siège&#xa0;: {records}. Corrigez chacun à partir de sa fiche («&#xa0;fieldreg correct REGNO FICHIER&#xa0;») ou restaurez le fichier de données depuis une sauvegarde&#xa0;; le siège en est informé dans le prochain lot.</translation>
    </message>
    <message>
        <source>{households} households, {people} people registered ({voided} voided)</source>
        <translation>{households} ménages, {people} personnes enregistrées ({voided} annulés)</translation>
    </message>
    <message>
        <source>A day stands out in red when its arrivals exceed {multiple} times the average of the {window} days before it (the multiple is set in Preferences).</source>
        <translation>Un jour apparaît en rouge quand ses arrivées dépassent {multiple} fois la moyenne des {window} jours précédents (le multiple se règle dans les Préférences).</translation>
    </message>
    <message>
        <source>No registrations yet: the dashboard fills in as households are registered.</source>
        <translation>Aucun enregistrement pour l&apos;instant&#xa0;: le tableau de bord se remplit au fur et à mesure des enregistrements de ménages.</translation>
    </message>
    <message>
        <source>{n} integrity alert(s) recorded at this post, newest first: {alerts}. Run &apos;fieldreg audit verify&apos; and tell HQ.</source>
        <translation>{n} alerte(s) d&apos;intégrité enregistrée(s) à ce poste, la plus récente d&apos;abord&#xa0;: {alerts}. Lancez «&#xa0;fieldreg audit verify&#xa0;» et prévenez le siège.</translation>
    </message>
    <message>
        <source>{people} people on {day} (before: {average} a day on average)</source>
        <translation>{people} personnes le {day} (auparavant&#xa0;: {average} par jour en moyenne)</translation>
    </message>
    <message>
        <source>Unusual flow: {days}.</source>
        <translation>Afflux inhabituel&#xa0;: {days}.</translation>
    </message>
    <message>
        <source>Earlier days of this period stand out too (in red).</source>
        <translation>D&apos;autres jours de cette période se distinguent aussi (en rouge).</translation>
    </message>
    <message>
        <source>Unusual flow</source>
        <translation>Afflux inhabituel</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Other origins</source>
        <translation>Autres provenances</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Non indiquée</translation>
    </message>
    <message>
        <source>Women and girls</source>
        <translation>Femmes et filles</translation>
    </message>
    <message>
        <source>Men and boys</source>
        <translation>Hommes et garçons</translation>
    </message>
    <message>
        <source>Other or not stated</source>
        <translation>Autre ou non précisé</translation>
    </message>
    <message>
        <source>0 to 4 years</source>
        <translation>0 à 4 ans</translation>
    </message>
    <message>
        <source>5 to 11 years</source>
        <translation>5 à 11 ans</translation>
    </message>
    <message>
        <source>12 to 17 years</source>
        <translation>12 à 17 ans</translation>
    </message>
    <message>
        <source>18 to 59 years</source>
        <translation>18 à 59 ans</translation>
    </message>
    <message>
        <source>60 years and over</source>
        <translation>60 ans et plus</translation>
    </message>
</context>
</TS>
