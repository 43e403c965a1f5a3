<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>SetupWizard</name>
    <message>
        <source>Administrator&apos;s user name:</source>
        <translation>Nom d&apos;utilisateur de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s passphrase:</source>
        <translation>Phrase secrète de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Passphrase again:</source>
        <translation>Phrase secrète (encore)&#xa0;:</translation>
    </message>
    <message>
        <source>The user name must be 2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>Le nom d&apos;utilisateur doit compter de 2 à 32 lettres minuscules, chiffres, «&#xa0;.&#xa0;», «&#xa0;_&#xa0;» ou «&#xa0;-&#xa0;», et commencer par une lettre.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>La phrase secrète doit compter au moins {n} caractères.</translation>
    </message>
    <message>
        <source>The passphrase must not be the user name.</source>
        <translation>La phrase secrète ne doit pas être le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type them again.</source>
        <translation>Les deux phrases secrètes sont différentes&#xa0;; tapez-les de nouveau.</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Impossible de lire {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The station was not set up.</source>
        <translation>Le poste n&apos;a pas été configuré.</translation>
    </message>
</context>
</TS>
