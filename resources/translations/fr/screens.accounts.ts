<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountsScreen</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Only supervisors and administrators manage accounts.</source>
        <translation>Seuls les superviseurs et les administrateurs gèrent les comptes.</translation>
    </message>
    <message>
        <source>Accounts at this station</source>
        <translation>Comptes de ce poste</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Reset passphrase…</source>
        <translation>Réinitialiser la phrase secrète…</translation>
    </message>
    <message>
        <source>Choose a first passphrase and give it to the person in private; they must choose their own at their next sign-in.</source>
        <translation>Choisissez une phrase secrète provisoire et remettez-la à la personne en privé&#xa0;; elle devra choisir la sienne à sa prochaine connexion.</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>Nouvelle phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation>Saisissez-la à nouveau&#xa0;:</translation>
    </message>
    <message>
        <source>Reset the passphrase</source>
        <translation>Réinitialiser la phrase secrète</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Ajouter un compte</translation>
    </message>
    <message>
        <source>User names: 2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter. Passphrases: at least {n} characters, not the user name. The new holder must choose their own passphrase at their first sign-in.</source>
        <translation>Noms d&apos;utilisateur&#xa0;: 2 à 32 lettres minuscules, chiffres, «&#xa0;.&#xa0;», «&#xa0;_&#xa0;» ou «&#xa0;-&#xa0;», commençant par une lettre. Phrases secrètes&#xa0;: au moins {n} caractères, différentes du nom d&apos;utilisateur. Le titulaire devra choisir sa propre phrase secrète à sa première connexion.</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>First passphrase:</source>
        <translation>Phrase secrète provisoire&#xa0;:</translation>
    </message>
    <message>
        <source>Add the account</source>
        <translation>Ajouter le compte</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Only an administrator manages supervisors and administrators.</source>
        <translation>Seul un administrateur gère les superviseurs et les administrateurs.</translation>
    </message>
    <message>
        <source>Change your own passphrase from the sign-in screen.</source>
        <translation>Changez votre propre phrase secrète depuis l&apos;écran de connexion.</translation>
    </message>
    <message>
        <source>{user} may sign in again.</source>
        <translation>{user} peut de nouveau se connecter.</translation>
    </message>
    <message>
        <source>{user} can no longer sign in. Nothing they registered is changed.</source>
        <translation>{user} ne peut plus se connecter. Rien de ce que cette personne a enregistré n&apos;est modifié.</translation>
    </message>
    <message>
        <source>New first passphrase for {user}</source>
        <translation>Nouvelle phrase secrète provisoire pour {user}</translation>
    </message>
    <message>
        <source>New first passphrase set for {user}: they must choose their own at their next sign-in.</source>
        <translation>Nouvelle phrase secrète provisoire définie pour {user}&#xa0;: cette personne devra choisir la sienne à sa prochaine connexion.</translation>
    </message>
    <message>
        <source>Resetting the passphrase…</source>
        <translation>Réinitialisation de la phrase secrète…</translation>
    </message>
    <message>
        <source>Account {user} ({role}) added: give them the first passphrase in private; they must choose their own at their first sign-in.</source>
        <translation>Compte {user} ({role}) ajouté&#xa0;: remettez-lui la phrase secrète provisoire en privé&#xa0;; cette personne devra choisir la sienne à sa première connexion.</translation>
    </message>
    <message>
        <source>Adding the account…</source>
        <translation>Ajout du compte…</translation>
    </message>
    <message>
        <source>Type a user name.</source>
        <translation>Saisissez un nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>2 à 32 lettres minuscules, chiffres, «&#xa0;.&#xa0;», «&#xa0;_&#xa0;» ou «&#xa0;-&#xa0;», commençant par une lettre.</translation>
    </message>
    <message>
        <source>There is already an account with this user name.</source>
        <translation>Un compte existe déjà avec ce nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Too short: a passphrase needs at least {n} characters.</source>
        <translation>Trop courte&#xa0;: une phrase secrète doit compter au moins {n} caractères.</translation>
    </message>
    <message>
        <source>The passphrase must not be the user name.</source>
        <translation>La phrase secrète ne doit pas être le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>Les deux phrases secrètes ne sont pas identiques.</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>Rien n&apos;a été modifié&#xa0;: {reason}</translation>
    </message>
</context>
</TS>
