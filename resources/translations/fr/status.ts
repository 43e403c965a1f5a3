<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>StatusLine</name>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Verrouiller (Ctrl+L)</translation>
    </message>
    <message>
        <source>Hide everything until you type your passphrase again</source>
        <translation>Tout masquer jusqu&apos;à ce que vous retapiez votre phrase secrète</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>superviseur</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>Signed in: {user} ({role})</source>
        <translation>Connecté&#xa0;: {user} ({role})</translation>
    </message>
    <message>
        <source>Locked ({user})</source>
        <translation>Verrouillé ({user})</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>No station set up yet</source>
        <translation>Aucun poste configuré</translation>
    </message>
    <message>
        <source>camp station, verify only</source>
        <translation>camp, vérification seulement</translation>
    </message>
    <message>
        <source>border post</source>
        <translation>poste frontière</translation>
    </message>
    <message>
        <source>{name} ({id}), {kind}</source>
        <translation>{name} ({id}), {kind}</translation>
    </message>
    <message>
        <source>HQ or the connection to it refused something a person must look at (the connection does not lead to this post&apos;s HQ, or HQ holds another batch with the same number): tell HQ.</source>
        <translation>Le siège, ou la connexion vers lui, a refusé quelque chose qu&apos;une personne doit examiner (la connexion ne mène pas au siège de ce poste, ou le siège détient un autre lot portant le même numéro)&#xa0;: prévenez le siège.</translation>
    </message>
    <message>
        <source>HQ could not be reached, or could not take the batch just then: the next try is automatic.</source>
        <translation>Le siège n&apos;a pas pu être joint, ou ne pouvait pas recevoir le lot à ce moment-là&#xa0;: le prochain essai est automatique.</translation>
    </message>
    <message>
        <source>New key from HQ</source>
        <translation>Nouvelle clé du siège</translation>
    </message>
    <message>
        <source>HQ sent this post a new key: an administrator loads it with &apos;fieldreg keys load {path}&apos; and the one-time passphrase from HQ.</source>
        <translation>Le siège a envoyé une nouvelle clé à ce poste&#xa0;: un administrateur la charge avec «&#xa0;fieldreg keys load {path}&#xa0;» et la phrase secrète à usage unique fournie par le siège.</translation>
    </message>
    <message>
        <source>HQ address not set: batches go by USB stick</source>
        <translation>Adresse du siège non réglée&#xa0;: les lots partent sur clé USB</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>aujourd&apos;hui à {time}</translation>
    </message>
    <message>
        <source>HQ not reached since {when}</source>
        <translation>Siège injoignable depuis {when}</translation>
    </message>
    <message>
        <source>HQ reached {when}</source>
        <translation>Siège joint {when}</translation>
    </message>
    <message>
        <source>HQ not reached yet</source>
        <translation>Siège jamais joint</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>intervention nécessaire</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>rien en attente</translation>
    </message>
    <message>
        <source>1 household waiting</source>
        <translation>1 ménage en attente</translation>
    </message>
    <message>
        <source>{n} households waiting</source>
        <translation>{n} ménages en attente</translation>
    </message>
    <message>
        <source>the oldest since today</source>
        <translation>le plus ancien depuis aujourd&apos;hui</translation>
    </message>
    <message>
        <source>the oldest for {days} day(s)</source>
        <translation>le plus ancien depuis {days} jour(s)</translation>
    </message>
    <message>
        <source>Sending batch {seq} to HQ: {done} of {size} kB</source>
        <translation>Envoi du lot {seq} au siège&#xa0;: {done} sur {size} ko</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>encore {minutes} min environ</translation>
    </message>
</context>
</TS>
