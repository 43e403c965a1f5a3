<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>LoginScreen</name>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name} ({id})</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>{user} locked this window. {user}: type your passphrase to carry on where you left off. Someone else may sign in instead; {user}&apos;s unsaved work would then be lost.</source>
        <translation>{user} a verrouillé cette fenêtre. {user}&#xa0;: tapez votre phrase secrète pour reprendre là où vous en étiez. Une autre personne peut se connecter à la place&#xa0;; le travail non enregistré du compte {user} serait alors perdu.</translation>
    </message>
    <message>
        <source>Sign in to FieldReg</source>
        <translation>Connexion à FieldReg</translation>
    </message>
    <message>
        <source>Type your user name and your passphrase.</source>
        <translation>Tapez votre nom d&apos;utilisateur et votre phrase secrète.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nom d&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Unlock</source>
        <comment>button</comment>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Sign in</source>
        <comment>button</comment>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>Demo post: every person in it is fictitious. Demo accounts:</source>
        <translation>Poste de démonstration&#xa0;: toutes les personnes y sont fictives. Comptes de démonstration&#xa0;:</translation>
    </message>
    <message>
        <source>{user} ({role}), passphrase {passphrase}</source>
        <translation>{user} ({role}), phrase secrète {passphrase}</translation>
    </message>
    <message>
        <source>Choose your own passphrase</source>
        <translation>Choisissez votre phrase secrète</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nouvelle phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Retapez-la&#xa0;:</translation>
    </message>
    <message>
        <source>Save my passphrase</source>
        <translation>Enregistrer ma phrase secrète</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Tapez votre nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Tapez votre phrase secrète.</translation>
    </message>
    <message>
        <source>Checking the passphrase…</source>
        <translation>Vérification de la phrase secrète…</translation>
    </message>
    <message>
        <source>Signing in did not work.</source>
        <translation>La connexion n&apos;a pas abouti.</translation>
    </message>
    <message>
        <source>{user}, this is your first sign-in with the passphrase you were given. Choose your own (at least {n} characters); nobody else should know it.</source>
        <translation>{user}, c&apos;est votre première connexion avec la phrase secrète qu&apos;on vous a donnée. Choisissez la vôtre (au moins {n} caractères)&#xa0;; personne d&apos;autre ne doit la connaître.</translation>
    </message>
    <message>
        <source>Wrong passphrase for {user}. Wait {seconds} s before trying again.</source>
        <translation>Phrase secrète incorrecte pour {user}. Attendez {seconds} s avant de réessayer.</translation>
    </message>
    <message>
        <source>Wrong passphrase for {user}.</source>
        <translation>Phrase secrète incorrecte pour {user}.</translation>
    </message>
    <message>
        <source>Too many wrong passphrases for {user}: try again in {seconds} s.</source>
        <translation>Trop de phrases secrètes incorrectes pour {user}&#xa0;: réessayez dans {seconds} s.</translation>
    </message>
    <message>
        <source>The account {user} is disabled: ask a supervisor.</source>
        <translation>Le compte {user} est désactivé&#xa0;: adressez-vous à un superviseur.</translation>
    </message>
    <message>
        <source>A passphrase needs at least {n} characters.</source>
        <translation>Une phrase secrète doit compter au moins {n} caractères.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type them again.</source>
        <translation>Les deux phrases secrètes sont différentes&#xa0;; tapez-les de nouveau.</translation>
    </message>
    <message>
        <source>Saving your new passphrase…</source>
        <translation>Enregistrement de votre nouvelle phrase secrète…</translation>
    </message>
    <message>
        <source>The passphrase must not be your user name.</source>
        <translation>La phrase secrète ne doit pas être votre nom d&apos;utilisateur.</translation>
    </message>
</context>
</TS>
