<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Registration number</source>
        <translation>Numéro d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chef de ménage</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Members (sex, birth year)</source>
        <translation>Membres (sexe, année de naissance)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Délivrée</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Waiting for a slip.</source>
        <translation>En attente d&apos;une fiche.</translation>
    </message>
    <message>
        <source>NO CODE FOUND</source>
        <translation>AUCUN CODE TROUVÉ</translation>
    </message>
    <message>
        <source>No readable QR code in this file. Photograph the slip flat, in good light, filling most of the picture, and try again.</source>
        <translation>Aucun code QR lisible dans ce fichier. Photographiez la fiche à plat, bien éclairée, en remplissant presque toute l&apos;image, puis réessayez.</translation>
    </message>
    <message>
        <source>VALID</source>
        <translation>VALIDE</translation>
    </message>
    <message>
        <source>A genuine slip. Check that the people in front of you match the details below.</source>
        <translation>Fiche authentique. Vérifiez que les personnes devant vous correspondent aux informations ci-dessous.</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>RÉVOQUÉE</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>NON VALIDE</translation>
    </message>
    <message>
        <source>Details: {detail}</source>
        <translation>Détails&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>Note: {warning}</source>
        <translation>Remarque&#xa0;: {warning}</translation>
    </message>
    <message>
        <source>This is not a FieldReg slip code.</source>
        <translation>Ce n&apos;est pas un code de fiche FieldReg.</translation>
    </message>
    <message>
        <source>This slip was made by a newer FieldReg: this computer&apos;s FieldReg must be updated.</source>
        <translation>Cette fiche a été faite par une version plus récente de FieldReg&#xa0;: il faut mettre à jour FieldReg sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The code is damaged, incomplete or altered. Scan it again; if it stays INVALID, do not accept the slip.</source>
        <translation>Le code est abîmé, incomplet ou modifié. Scannez-le à nouveau&#xa0;; s&apos;il reste NON VALIDE, n&apos;acceptez pas la fiche.</translation>
    </message>
    <message>
        <source>Signed with a key this station does not know: the slip is forged, or this station needs HQ&apos;s newest trust list.</source>
        <translation>Signée avec une clé inconnue de ce poste&#xa0;: la fiche est falsifiée, ou ce poste a besoin de la dernière liste de confiance du siège.</translation>
    </message>
    <message>
        <source>The code was altered or forged. Do not accept this slip.</source>
        <translation>Le code a été modifié ou falsifié. N&apos;acceptez pas cette fiche.</translation>
    </message>
    <message>
        <source>HQ withdrew the key that signed this slip.</source>
        <translation>Le siège a retiré la clé qui a signé cette fiche.</translation>
    </message>
    <message>
        <source>Signed outside the dates its key was valid.</source>
        <translation>Signée en dehors des dates de validité de sa clé.</translation>
    </message>
    <message>
        <source>The post named on the slip did not sign it.</source>
        <translation>Le poste indiqué sur la fiche ne l&apos;a pas signée.</translation>
    </message>
    <message>
        <source>Dated in the future: the post&apos;s or this computer&apos;s clock is wrong. The signature itself is genuine; ask a supervisor.</source>
        <translation>Datée dans le futur&#xa0;: l&apos;horloge du poste ou de cet ordinateur est fausse. La signature elle-même est authentique&#xa0;; demandez à un superviseur.</translation>
    </message>
    <message>
        <source>This slip has expired.</source>
        <translation>Cette fiche a expiré.</translation>
    </message>
    <message>
        <source>HQ cancelled this slip. A newer slip may exist for this household.</source>
        <translation>Le siège a annulé cette fiche. Une fiche plus récente peut exister pour ce ménage.</translation>
    </message>
    <message>
        <source>This slip cannot be accepted.</source>
        <translation>Cette fiche ne peut pas être acceptée.</translation>
    </message>
    <message>
        <source>NUMBER ONLY</source>
        <translation>NUMÉRO SEUL</translation>
    </message>
    <message>
        <source>{regno} is written correctly, but a number alone proves nothing: ask for the slip or other papers.</source>
        <translation>{regno} est écrit correctement, mais un numéro seul ne prouve rien&#xa0;: demandez la fiche ou d&apos;autres papiers.</translation>
    </message>
    <message>
        <source>Never checked in at this station.</source>
        <translation>Jamais enregistré à l&apos;arrivée sur ce site.</translation>
    </message>
    <message>
        <source>CHECK THE NUMBER</source>
        <translation>VÉRIFIEZ LE NUMÉRO</translation>
    </message>
    <message>
        <source>{number} has a mistake: a character was mistyped or two were swapped. Type it again carefully from the slip.</source>
        <translation>{number} contient une erreur&#xa0;: un caractère a été mal tapé ou deux ont été inversés. Retapez-le soigneusement à partir de la fiche.</translation>
    </message>
    <message>
        <source>NOT RECOGNISED</source>
        <translation>NON RECONNU</translation>
    </message>
    <message>
        <source>This is neither a slip&apos;s QR code nor a registration number (like TGR1-26-000042-B). Scan the code again, or type the number printed on the slip.</source>
        <translation>Ce n&apos;est ni le code QR d&apos;une fiche ni un numéro d&apos;enregistrement (comme TGR1-26-000042-B). Scannez à nouveau le code, ou tapez le numéro imprimé sur la fiche.</translation>
    </message>
    <message>
        <source>Scanner setting: the scanner is set for an American (QWERTY) keyboard but this computer has a French (AZERTY) one, so numbers come out as symbols. FieldReg corrected this scan. To fix it for good, set the scanner&apos;s keyboard layout to French (AZERTY): in its manual, scan the barcode for &apos;keyboard language&apos; or &apos;keyboard emulation country&apos; French.</source>
        <translation>Réglage du lecteur&#xa0;: le lecteur est réglé pour un clavier américain (QWERTY) alors que cet ordinateur a un clavier français (AZERTY), donc les chiffres sortent en symboles. FieldReg a corrigé ce scan. Pour régler le problème définitivement, mettez la disposition clavier du lecteur en français (AZERTY)&#xa0;: dans son manuel, scannez le code-barres «&#xa0;langue du clavier&#xa0;» ou «&#xa0;pays d&apos;émulation clavier&#xa0;» Français.</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 personne</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} personnes</translation>
    </message>
    <message>
        <source>Female, born {year} (about {age})</source>
        <translation>Femme, née en {year} (environ {age} ans)</translation>
    </message>
    <message>
        <source>Male, born {year} (about {age})</source>
        <translation>Homme, né en {year} (environ {age} ans)</translation>
    </message>
    <message>
        <source>{sex}, born {year} (about {age})</source>
        <translation>{sex}, né(e) en {year} (environ {age} ans)</translation>
    </message>
    <message>
        <source>{member} — head</source>
        <translation>{member} — chef de ménage</translation>
    </message>
    <message>
        <source>{date} by post {post}</source>
        <translation>{date} par le poste {post}</translation>
    </message>
    <message>
        <source>serial {serial}</source>
        <translation>n° de série {serial}</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>✓ Checked in now: first visit recorded at this station.</source>
        <translation>✓ Arrivée enregistrée&#xa0;: premier passage noté sur ce site.</translation>
    </message>
    <message>
        <source>⚠ This same slip was already checked in on {when} by {user}.</source>
        <translation>⚠ Cette même fiche a déjà été enregistrée à l&apos;arrivée le {when} par {user}.</translation>
    </message>
    <message>
        <source>⚠ This same slip was already checked in {count} times, the last on {when} by {user}.</source>
        <translation>⚠ Cette même fiche a déjà été enregistrée à l&apos;arrivée {count} fois, la dernière le {when} par {user}.</translation>
    </message>
    <message>
        <source>⚠ Another slip of this household ({regno}) was checked in on {when} by {user}.</source>
        <translation>⚠ Une autre fiche de ce ménage ({regno}) a été enregistrée à l&apos;arrivée le {when} par {user}.</translation>
    </message>
    <message>
        <source>⚠ Other slips of this household ({regno}) were checked in {count} times, the last on {when} by {user}.</source>
        <translation>⚠ D&apos;autres fiches de ce ménage ({regno}) ont été enregistrées à l&apos;arrivée {count} fois, la dernière le {when} par {user}.</translation>
    </message>
    <message>
        <source>⚠ This household was already checked in on {when} by {user}.</source>
        <translation>⚠ Ce ménage a déjà été enregistré à l&apos;arrivée le {when} par {user}.</translation>
    </message>
    <message>
        <source>⚠ This household was already checked in {count} times, the last on {when} by {user}.</source>
        <translation>⚠ Ce ménage a déjà été enregistré à l&apos;arrivée {count} fois, la dernière le {when} par {user}.</translation>
    </message>
</context>
</TS>
