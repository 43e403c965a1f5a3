<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>RegisterScreen</name>
    <message>
        <source>Register</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <source>New form (Ctrl+N)</source>
        <translation>Nouvelle fiche (Ctrl+N)</translation>
    </message>
    <message>
        <source>Saved. Registration number:</source>
        <translation>Enregistré. Numéro d&apos;enregistrement&#xa0;:</translation>
    </message>
    <message>
        <source>Print slip (Ctrl+P)</source>
        <translation>Imprimer la fiche (Ctrl+P)</translation>
    </message>
    <message>
        <source>Next household (Ctrl+N)</source>
        <translation>Ménage suivant (Ctrl+N)</translation>
    </message>
    <message>
        <source>Not saved: correct the marked fields.</source>
        <translation>Non enregistré&#xa0;: corrigez les champs signalés.</translation>
    </message>
    <message>
        <source>Save without consent?</source>
        <translation>Enregistrer sans consentement&#xa0;?</translation>
    </message>
    <message>
        <source>The consent box is not ticked. Save this household without the consent of the people registered? The record and the audit log will say it was saved without consent.</source>
        <translation>La case du consentement n&apos;est pas cochée. Enregistrer ce ménage sans le consentement des personnes enregistrées&#xa0;? La fiche et le journal d&apos;audit indiqueront qu&apos;il a été enregistré sans consentement.</translation>
    </message>
    <message>
        <source>Save without consent</source>
        <translation>Enregistrer sans consentement</translation>
    </message>
    <message>
        <source>Go back to the form</source>
        <translation>Revenir au formulaire</translation>
    </message>
    <message>
        <source>{name}, alone</source>
        <translation>{name}, seul(e)</translation>
    </message>
    <message>
        <source>{name} and 1 other person</source>
        <translation>{name} et 1 autre personne</translation>
    </message>
    <message>
        <source>{name} and {count} other people</source>
        <translation>{name} et {count} autres personnes</translation>
    </message>
    <message>
        <source>Start a new form?</source>
        <translation>Commencer une nouvelle fiche&#xa0;?</translation>
    </message>
    <message>
        <source>What you typed for this household has not been saved. Clear it?</source>
        <translation>Ce que vous avez saisi pour ce ménage n&apos;a pas été enregistré. L&apos;effacer&#xa0;?</translation>
    </message>
</context>
</TS>
