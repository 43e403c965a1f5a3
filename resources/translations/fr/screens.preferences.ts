<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>PreferencesScreen</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Celle de l&apos;ordinateur</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> jour(s)</translation>
    </message>
    <message>
        <source>A6 sheet (105 × 148 mm)</source>
        <translation>Feuille A6 (105 × 148 mm)</translation>
    </message>
    <message>
        <source>Thermal roll, 80 mm</source>
        <translation>Rouleau thermique, 80 mm</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>The whole app switches at once; a form being filled in is kept only if you choose to switch at the next start.</source>
        <translation>Toute l&apos;application change aussitôt&#xa0;; une fiche en cours de saisie n&apos;est conservée que si vous choisissez de changer au prochain démarrage.</translation>
    </message>
    <message>
        <source>&amp;Lock after no activity for:</source>
        <translation>&amp;Verrouiller après une inactivité de&#xa0;:</translation>
    </message>
    <message>
        <source>The window locks itself when nobody has touched the keyboard or the mouse for this long. Ctrl+L locks it at once.</source>
        <translation>La fenêtre se verrouille d&apos;elle-même quand personne n&apos;a touché au clavier ni à la souris pendant cette durée. Ctrl+L la verrouille tout de suite.</translation>
    </message>
    <message>
        <source>&amp;Unusual flow above:</source>
        <translation>&amp;Afflux inhabituel au-delà de&#xa0;:</translation>
    </message>
    <message>
        <source>A day stands out on the dashboard when its arrivals exceed this multiple of the average of the days before.</source>
        <translation>Une journée est signalée sur le tableau de bord quand ses arrivées dépassent ce multiple de la moyenne des jours précédents.</translation>
    </message>
    <message>
        <source>&amp;Warn when HQ has not acknowledged for:</source>
        <translation>&amp;Alerter sans accusé du siège depuis&#xa0;:</translation>
    </message>
    <message>
        <source>The dashboard warns when a household registered here has waited this long for HQ&apos;s receipt (by network or USB stick).</source>
        <translation>Le tableau de bord alerte quand un ménage enregistré ici attend depuis ce temps l&apos;accusé de réception du siège (par le réseau ou par clé USB).</translation>
    </message>
    <message>
        <source>&amp;Slip layout:</source>
        <translation>&amp;Format des fiches&#xa0;:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Non enregistré.</translation>
    </message>
    <message>
        <source>Saved. The new values apply now.</source>
        <translation>Enregistré. Les nouvelles valeurs s&apos;appliquent dès maintenant.</translation>
    </message>
</context>
</TS>
