<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Core</name>
    <message>
        <source>this post is not enrolled with HQ, so it has no key to sign batches and no HQ key to encrypt them to: load an enrollment file first (&apos;fieldreg keys load FILE&apos;)</source>
        <translation>ce poste n&apos;est pas enrôlé auprès du siège, il n&apos;a donc ni clé pour signer les lots ni clé du siège pour les chiffrer&#xa0;: chargez d&apos;abord un fichier d&apos;enrôlement (&apos;fieldreg keys load FILE&apos;)</translation>
    </message>
    <message>
        <source>batch {seq} has not been exported yet: use &apos;fieldreg export --to DIR&apos;</source>
        <translation>le lot {seq} n&apos;a pas encore été exporté&#xa0;: utilisez &apos;fieldreg export --to DIR&apos;</translation>
    </message>
    <message>
        <source>this station is a camp: receipts are for border posts</source>
        <translation>ce poste est un camp&#xa0;: les accusés de réception sont destinés aux postes frontières</translation>
    </message>
    <message>
        <source>this receipt is for post {post}, but this station is post {post_id}; nothing was changed</source>
        <translation>cet accusé de réception concerne le poste {post}, mais ce poste est {post_id}&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>this station is a camp: camps hold no registrations and export no batches</source>
        <translation>ce poste est un camp&#xa0;: les camps ne détiennent pas d&apos;enregistrements et n&apos;exportent pas de lots</translation>
    </message>
    <message>
        <source>this post has no batch {seq} (see &apos;fieldreg batches&apos;)</source>
        <translation>ce poste n&apos;a pas de lot {seq} (voir &apos;fieldreg batches&apos;)</translation>
    </message>
    <message>
        <source>{final} already exists and is a different file; nothing was written (move it away or choose another folder)</source>
        <translation>{final} existe déjà et c&apos;est un autre fichier&#xa0;; rien n&apos;a été écrit (déplacez-le ou choisissez un autre dossier)</translation>
    </message>
    <message>
        <source>cannot write to {target_dir}: the folder does not exist (medium removed?); {hint}</source>
        <translation>impossible d&apos;écrire dans {target_dir}&#xa0;: le dossier n&apos;existe pas (support retiré&#xa0;?)&#xa0;; {hint}</translation>
    </message>
    <message>
        <source>this station&apos;s copy of batch {seq} ({source}) is missing; restore it from a backup</source>
        <translation>la copie du lot {seq} conservée sur ce poste ({source}) est introuvable&#xa0;; restaurez-la à partir d&apos;une sauvegarde</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>this station&apos;s setting {setting!r} is damaged; reload the enrollment file</source>
        <translation>le paramètre {setting!r} de ce poste est endommagé&#xa0;; rechargez le fichier d&apos;enrôlement</translation>
    </message>
    <message>
        <source>this station&apos;s copy of batch {seq} ({source}) is damaged (it does not match what was recorded); restore it from a backup</source>
        <translation>la copie du lot {seq} conservée sur ce poste ({source}) est endommagée (elle ne correspond pas à ce qui a été enregistré)&#xa0;; restaurez-la à partir d&apos;une sauvegarde</translation>
    </message>
    <message>
        <source>the copy on {target_dir} does not read back correctly (faulty medium?) and was removed; {hint}</source>
        <translation>la copie sur {target_dir} ne se relit pas correctement (support défectueux&#xa0;?) et a été supprimée&#xa0;; {hint}</translation>
    </message>
    <message>
        <source>the batch stays ready: run the export again</source>
        <translation>le lot reste prêt&#xa0;: relancez l&apos;exportation</translation>
    </message>
    <message>
        <source>an HQ encryption key in this station&apos;s settings is not a valid age recipient; reload the enrollment file</source>
        <translation>une clé de chiffrement du siège dans les paramètres de ce poste n&apos;est pas un destinataire age valide&#xa0;; rechargez le fichier d&apos;enrôlement</translation>
    </message>
    <message>
        <source>{problem}; {hint}</source>
        <translation>{problem}&#xa0;; {hint}</translation>
    </message>
    <message>
        <source>another export is running on this station; wait for it to finish, then run it again</source>
        <translation>une autre exportation est en cours sur ce poste&#xa0;; attendez qu&apos;elle se termine, puis recommencez</translation>
    </message>
    <message>
        <source>a batch needs at least HQ&apos;s age recipient</source>
        <translation>un lot nécessite au moins le destinataire age du siège</translation>
    </message>
    <message>
        <source>an age recipient is not valid ({problem})</source>
        <translation>un destinataire age n&apos;est pas valide ({problem})</translation>
    </message>
    <message>
        <source>unexpected file after the manifest</source>
        <translation>fichier inattendu après le manifeste</translation>
    </message>
    <message>
        <source>unexpected archive entry type for {name!r}</source>
        <translation>type d&apos;entrée d&apos;archive inattendu pour {name!r}</translation>
    </message>
    <message>
        <source>the archive must start with {certificate_name}</source>
        <translation>l&apos;archive doit commencer par {certificate_name}</translation>
    </message>
    <message>
        <source>unexpected file {name!r} in the archive</source>
        <translation>fichier inattendu {name!r} dans l&apos;archive</translation>
    </message>
    <message>
        <source>{name} is too large</source>
        <translation>{name} est trop volumineux</translation>
    </message>
    <message>
        <source>record {n} is out of order or has no number</source>
        <translation>la ligne {n} n&apos;est pas à sa place ou n&apos;a pas de numéro</translation>
    </message>
    <message>
        <source>record {n} has an unknown kind {kind!r}</source>
        <translation>la ligne {n} est d&apos;un type inconnu {kind!r}</translation>
    </message>
    <message>
        <source>record {n}: data records must come before audit entries</source>
        <translation>ligne {n}&#xa0;: les lignes de données doivent précéder les entrées du journal d&apos;audit</translation>
    </message>
    <message>
        <source>the archive is incomplete</source>
        <translation>l&apos;archive est incomplète</translation>
    </message>
    <message>
        <source>this batch was made for another HQ</source>
        <translation>ce lot a été créé pour un autre siège</translation>
    </message>
    <message>
        <source>the contents do not match the manifest (a file was changed or swapped)</source>
        <translation>le contenu ne correspond pas au manifeste (un fichier a été modifié ou remplacé)</translation>
    </message>
    <message>
        <source>the manifest has content type {content_type!r}</source>
        <translation>le manifeste a le type de contenu {content_type!r}</translation>
    </message>
    <message>
        <source>the manifest is not signed by the post key in the batch</source>
        <translation>le manifeste n&apos;est pas signé par la clé de poste contenue dans le lot</translation>
    </message>
    <message>
        <source>not encrypted for this HQ (no recipient matches its key)</source>
        <translation>non chiffré pour ce siège (aucun destinataire ne correspond à sa clé)</translation>
    </message>
    <message>
        <source>the file is damaged or incomplete (decryption failed)</source>
        <translation>le fichier est endommagé ou incomplet (échec du déchiffrement)</translation>
    </message>
    <message>
        <source>the archive ends before its manifest</source>
        <translation>l&apos;archive se termine avant son manifeste</translation>
    </message>
    <message>
        <source>an archive header is damaged</source>
        <translation>un en-tête de l&apos;archive est endommagé</translation>
    </message>
    <message>
        <source>the post key&apos;s certificate was not issued by this HQ</source>
        <translation>le certificat de la clé du poste n&apos;a pas été émis par ce siège</translation>
    </message>
    <message>
        <source>record {number} is not valid JSON</source>
        <translation>la ligne {number} n&apos;est pas du JSON valide</translation>
    </message>
    <message>
        <source>record {n}: audit entry without sequence or hash</source>
        <translation>ligne {n}&#xa0;: entrée du journal d&apos;audit sans numéro d&apos;ordre ni hachage</translation>
    </message>
    <message>
        <source>record {n}: audit entries are not consecutive</source>
        <translation>ligne {n}&#xa0;: les entrées du journal d&apos;audit ne se suivent pas</translation>
    </message>
    <message>
        <source>record {n} names a registration of another post</source>
        <translation>la ligne {n} désigne un enregistrement d&apos;un autre poste</translation>
    </message>
    <message>
        <source>the manifest is not a signed document</source>
        <translation>le manifeste n&apos;est pas un document signé</translation>
    </message>
    <message>
        <source>the manifest is malformed ({problem})</source>
        <translation>le manifeste est mal formé ({problem})</translation>
    </message>
    <message>
        <source>{name} does not end with a complete line</source>
        <translation>{name} ne se termine pas par une ligne complète</translation>
    </message>
    <message>
        <source>record {n}: audit hash is not hexadecimal</source>
        <translation>ligne {n}&#xa0;: le hachage d&apos;audit n&apos;est pas hexadécimal</translation>
    </message>
    <message>
        <source>non-zero padding in the archive</source>
        <translation>remplissage non nul dans l&apos;archive</translation>
    </message>
    <message>
        <source>unexpected data after the manifest</source>
        <translation>données inattendues après le manifeste</translation>
    </message>
    <message>
        <source>receipt has missing or unknown fields</source>
        <translation>l&apos;accusé de réception a des champs manquants ou inconnus</translation>
    </message>
    <message>
        <source>receipt: a batch entry is not [sequence, SHA-256]</source>
        <translation>accusé de réception&#xa0;: une entrée de lot n&apos;est pas de la forme [numéro, SHA-256]</translation>
    </message>
    <message>
        <source>the outbox holds rows of an unknown kind ({kinds}): this FieldReg is older than the store</source>
        <translation>la file d&apos;envoi contient des lignes d&apos;un type inconnu ({kinds})&#xa0;: cette version de FieldReg est plus ancienne que la base de données</translation>
    </message>
    <message>
        <source>the outbox names token {token}, which is not in this store</source>
        <translation>la file d&apos;envoi mentionne le code de fiche {token}, absent de cette base de données</translation>
    </message>
    <message>
        <source>the outbox names {regno}, which is not in this store</source>
        <translation>la file d&apos;envoi mentionne {regno}, absent de cette base de données</translation>
    </message>
    <message>
        <source>token {tid} is in the outbox as revoked but is not revoked</source>
        <translation>le code de fiche {tid} figure dans la file d&apos;envoi comme révoqué, mais il n&apos;est pas révoqué</translation>
    </message>
    <message>
        <source>the outbox names version {version} of {regno}, which does not exist</source>
        <translation>la file d&apos;envoi mentionne la version {version} de {regno}, qui n&apos;existe pas</translation>
    </message>
    <message>
        <source>{subject} version {version}: unknown change {change!r}</source>
        <translation>{subject} version {version}&#xa0;: modification inconnue {change!r}</translation>
    </message>
    <message>
        <source>only a valid slip is checked in</source>
        <translation>seule une fiche valide peut être enregistrée à l&apos;arrivée</translation>
    </message>
    <message>
        <source>encrypted value has an unknown format or is truncated</source>
        <translation>la valeur chiffrée a un format inconnu ou est tronquée</translation>
    </message>
    <message>
        <source>encrypted value fails its integrity check (wrong key, altered, or moved)</source>
        <translation>la valeur chiffrée échoue au contrôle d&apos;intégrité (mauvaise clé, valeur modifiée ou déplacée)</translation>
    </message>
    <message>
        <source>unknown key-wrap algorithm {kdf!r}</source>
        <translation>algorithme d&apos;encapsulation de clé inconnu {kdf!r}</translation>
    </message>
    <message>
        <source>wrong passphrase</source>
        <translation>phrase secrète incorrecte</translation>
    </message>
    <message>
        <source>the trailing window ({window} days) must hold the minimum history ({min_history} days), both at least 1</source>
        <translation>la période glissante ({window} jours) doit couvrir l&apos;historique minimal ({min_history} jours), les deux valant au moins 1</translation>
    </message>
    <message>
        <source>the unusual-flow multiple must be positive, not {multiple}</source>
        <translation>le multiple d&apos;afflux inhabituel doit être positif, et non {multiple}</translation>
    </message>
    <message>
        <source>given and family names swapped</source>
        <translation>prénoms et nom de famille inversés</translation>
    </message>
    <message>
        <source>same birth year</source>
        <translation>même année de naissance</translation>
    </message>
    <message>
        <source>same sex</source>
        <translation>même sexe</translation>
    </message>
    <message>
        <source>sex differs</source>
        <translation>sexe différent</translation>
    </message>
    <message>
        <source>same origin locality (after normalisation)</source>
        <translation>même localité d&apos;origine (après normalisation)</translation>
    </message>
    <message>
        <source>similar origin locality</source>
        <translation>localité d&apos;origine proche</translation>
    </message>
    <message>
        <source>different origin locality</source>
        <translation>localité d&apos;origine différente</translation>
    </message>
    <message>
        <source>same family name {name}</source>
        <translation>même nom de famille {name}</translation>
    </message>
    <message>
        <source>family name equal after normalisation {a}/{b}</source>
        <translation>nom de famille identique après normalisation {a}/{b}</translation>
    </message>
    <message>
        <source>family name variant {a}/{b}</source>
        <translation>variante du nom de famille {a}/{b}</translation>
    </message>
    <message>
        <source>family name similar {a}/{b} ({percent}%)</source>
        <translation>nom de famille proche {a}/{b} ({percent}&#xa0;%)</translation>
    </message>
    <message>
        <source>family name differs {a}/{b}</source>
        <translation>nom de famille différent {a}/{b}</translation>
    </message>
    <message>
        <source>same given name {name}</source>
        <translation>même prénom {name}</translation>
    </message>
    <message>
        <source>given name equal after normalisation {a}/{b}</source>
        <translation>prénom identique après normalisation {a}/{b}</translation>
    </message>
    <message>
        <source>given name variant {a}/{b}</source>
        <translation>variante du prénom {a}/{b}</translation>
    </message>
    <message>
        <source>given name similar {a}/{b} ({percent}%)</source>
        <translation>prénom proche {a}/{b} ({percent}&#xa0;%)</translation>
    </message>
    <message>
        <source>given name differs {a}/{b}</source>
        <translation>prénom différent {a}/{b}</translation>
    </message>
    <message>
        <source>birth year differs by {years} (more than the {expected} expected)</source>
        <translation>année de naissance décalée de {years} (au-delà de la tolérance de {expected})</translation>
    </message>
    <message>
        <source>birth year differs by {years}</source>
        <translation>année de naissance décalée de {years}</translation>
    </message>
    <message>
        <source>birth year differs by {years} (exact dates)</source>
        <translation>année de naissance décalée de {years} (dates exactes)</translation>
    </message>
    <message>
        <source>other given names differ ({names})</source>
        <translation>autres prénoms différents ({names})</translation>
    </message>
    <message>
        <source>middle name on one side only ({names})</source>
        <translation>deuxième prénom d&apos;un seul côté ({names})</translation>
    </message>
    <message>
        <source>{data_dir} already holds a FieldReg store; nothing was changed</source>
        <translation>{data_dir} contient déjà une base de données FieldReg&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>decision must be &apos;same&apos; or &apos;different&apos;, not {decision!r}</source>
        <translation>la décision doit être &apos;same&apos; ou &apos;different&apos;, et non {decision!r}</translation>
    </message>
    <message>
        <source>a member cannot be a duplicate of themselves</source>
        <translation>un membre ne peut pas être son propre doublon</translation>
    </message>
    <message>
        <source>both members belong to the same household</source>
        <translation>les deux membres appartiennent au même ménage</translation>
    </message>
    <message>
        <source>{key!r} is not a member key (REGNO/MEMBER, as `fieldreg duplicates` shows)</source>
        <translation>{key!r} n&apos;est pas un identifiant de membre (REGNO/MEMBER, comme l&apos;affiche `fieldreg duplicates`)</translation>
    </message>
    <message>
        <source>no member {uid} in {regno} at this post</source>
        <translation>aucun membre {uid} dans {regno} sur ce poste</translation>
    </message>
    <message>
        <source>give an age, a birth date or a birth year</source>
        <translation>indiquez un âge, une date de naissance ou une année de naissance</translation>
    </message>
    <message>
        <source>type at least one member (the head of household)</source>
        <translation>saisissez au moins un membre (le chef de ménage)</translation>
    </message>
    <message>
        <source>{text!r} is not a date (DD/MM/YYYY)</source>
        <translation>{text!r} n&apos;est pas une date (JJ/MM/AAAA)</translation>
    </message>
    <message>
        <source>{text!r} is not a whole number</source>
        <translation>{text!r} n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>cannot write {target}: {reason}</source>
        <translation>impossible d&apos;écrire {target}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>not enough space to write {target}: free some space or use another medium</source>
        <translation>pas assez d&apos;espace pour écrire {target}&#xa0;: libérez de l&apos;espace ou utilisez un autre support</translation>
    </message>
    <message>
        <source>cannot write {target}: the medium is read-only</source>
        <translation>impossible d&apos;écrire {target}&#xa0;: le support est en lecture seule</translation>
    </message>
    <message>
        <source>cannot write {target}: permission denied</source>
        <translation>impossible d&apos;écrire {target}&#xa0;: permission refusée</translation>
    </message>
    <message>
        <source>cannot write {target}: the folder does not exist (medium removed?)</source>
        <translation>impossible d&apos;écrire {target}&#xa0;: le dossier n&apos;existe pas (support retiré&#xa0;?)</translation>
    </message>
    <message>
        <source>this post has no signing key, so it cannot issue slips: enroll it with HQ (&apos;fieldreg init --enroll FILE&apos; for a new post, &apos;fieldreg keys load FILE&apos; for this one)</source>
        <translation>ce poste n&apos;a pas de clé de signature, il ne peut donc pas délivrer de fiches&#xa0;: enrôlez-le auprès du siège (&apos;fieldreg init --enroll FILE&apos; pour un nouveau poste, &apos;fieldreg keys load FILE&apos; pour celui-ci)</translation>
    </message>
    <message>
        <source>this enrollment file is for post {post_id}, but this station is post {station_post_id}; nothing was changed</source>
        <translation>ce fichier d&apos;enrôlement concerne le poste {post_id}, mais ce poste est {station_post_id}&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>key {kid} is already loaded; nothing was changed</source>
        <translation>la clé {kid} est déjà chargée&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>this post&apos;s key {row} may sign only from {not_before:%Y-%m-%d} to {not_after:%Y-%m-%d}: load a new enrollment file from HQ (&apos;fieldreg keys load FILE&apos;)</source>
        <translation>la clé {row} de ce poste ne peut signer que du {not_before:%Y-%m-%d} au {not_after:%Y-%m-%d}&#xa0;: chargez un nouveau fichier d&apos;enrôlement du siège (&apos;fieldreg keys load FILE&apos;)</translation>
    </message>
    <message>
        <source>{regno} is void: no slip is issued for a void registration</source>
        <translation>{regno} est annulé&#xa0;: aucune fiche n&apos;est délivrée pour un enregistrement annulé</translation>
    </message>
    <message>
        <source>{regno} has no slip yet: print it without --reissue</source>
        <translation>{regno} n&apos;a pas encore de fiche&#xa0;: imprimez-la sans --reissue</translation>
    </message>
    <message>
        <source>{regno} was corrected after its slip was issued: print a new one with &apos;fieldreg slip REGNO --reissue --reason TEXT&apos;</source>
        <translation>{regno} a été corrigé après la délivrance de sa fiche&#xa0;: imprimez-en une nouvelle avec &apos;fieldreg slip REGNO --reissue --reason TEXT&apos;</translation>
    </message>
    <message>
        <source>post id {post_id!r} must be 2-8 capital letters or digits, starting with a letter</source>
        <translation>l&apos;identifiant de poste {post_id!r} doit compter de 2 à 8 majuscules ou chiffres, et commencer par une lettre</translation>
    </message>
    <message>
        <source>registration {regno} cannot be opened: its {part} fails its integrity check (damaged or altered); the other registrations are not affected</source>
        <translation>l&apos;enregistrement {regno} ne peut pas être ouvert&#xa0;: {part} échoue au contrôle d&apos;intégrité (données endommagées ou modifiées)&#xa0;; les autres enregistrements ne sont pas touchés</translation>
    </message>
    <message>
        <source>the batch has more than {most} record files</source>
        <translation>le lot contient plus de {most} fichiers d&apos;enregistrements</translation>
    </message>
    <message>
        <source>the file changed after it was verified ({name})</source>
        <translation>le fichier a changé après sa vérification ({name})</translation>
    </message>
    <message>
        <source>record {number} is longer than {most} bytes</source>
        <translation>l&apos;enregistrement {number} dépasse {most} octets</translation>
    </message>
    <message>
        <source>the batch has more than {most} records</source>
        <translation>le lot contient plus de {most} enregistrements</translation>
    </message>
    <message>
        <source>the batch is larger than {most} bytes, more than any post writes</source>
        <translation>le lot dépasse {most} octets, plus qu&apos;aucun poste n&apos;en écrit</translation>
    </message>
    <message>
        <source>the records do not match the manifest&apos;s counts or audit range</source>
        <translation>les enregistrements ne correspondent pas aux nombres ou à la plage d&apos;audit du manifeste</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>le résumé</translation>
    </message>
    <message>
        <source>details</source>
        <translation>les précisions</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>le nom de famille</translation>
    </message>
    <message>
        <source>given names</source>
        <translation>les prénoms</translation>
    </message>
    <message>
        <source>other names</source>
        <translation>les autres noms</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>la photo</translation>
    </message>
    <message>
        <source>reason for voiding</source>
        <translation>le motif d&apos;annulation</translation>
    </message>
    <message>
        <source>content</source>
        <translation>le contenu</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>le motif</translation>
    </message>
    <message>
        <source>household {field}</source>
        <translation>{field} du ménage</translation>
    </message>
    <message>
        <source>{part} (replaced while it could not be opened)</source>
        <translation>{part} (remplacée alors qu&apos;elle ne pouvait pas être ouverte)</translation>
    </message>
    <message>
        <source>whole record</source>
        <translation>l&apos;enregistrement entier</translation>
    </message>
    <message>
        <source>{column}</source>
        <translation>{column}</translation>
    </message>
    <message>
        <source>{field} of member {member}</source>
        <translation>{field} du membre {member}</translation>
    </message>
    <message>
        <source>{field} of version {version}</source>
        <translation>{field} de la version {version}</translation>
    </message>
    <message>
        <source>{where}: key entry is not a map</source>
        <translation>{where}&#xa0;: l&apos;entrée de clé n&apos;est pas une table</translation>
    </message>
    <message>
        <source>{where}: key id {kid} does not match its public key</source>
        <translation>{where}&#xa0;: l&apos;identifiant de clé {kid} ne correspond pas à sa clé publique</translation>
    </message>
    <message>
        <source>a certificate must end after it starts</source>
        <translation>un certificat doit expirer après sa date de début</translation>
    </message>
    <message>
        <source>{where}: unexpected field &apos;revoked&apos;</source>
        <translation>{where}&#xa0;: champ &apos;revoked&apos; inattendu</translation>
    </message>
    <message>
        <source>unexpected bytes after the CBOR data</source>
        <translation>octets inattendus après les données CBOR</translation>
    </message>
    <message>
        <source>COSE_Sign1 must be an array of 4 items</source>
        <translation>COSE_Sign1 doit être un tableau de 4 éléments</translation>
    </message>
    <message>
        <source>COSE_Sign1 protected header and payload must be byte strings</source>
        <translation>l&apos;en-tête protégé et le contenu de COSE_Sign1 doivent être des chaînes d&apos;octets</translation>
    </message>
    <message>
        <source>COSE_Sign1 unprotected header must be empty</source>
        <translation>l&apos;en-tête non protégé de COSE_Sign1 doit être vide</translation>
    </message>
    <message>
        <source>COSE_Sign1 signature must be 64 bytes (Ed25519)</source>
        <translation>la signature COSE_Sign1 doit faire 64 octets (Ed25519)</translation>
    </message>
    <message>
        <source>protected header has unexpected fields</source>
        <translation>l&apos;en-tête protégé contient des champs inattendus</translation>
    </message>
    <message>
        <source>algorithm is not EdDSA (-8)</source>
        <translation>l&apos;algorithme n&apos;est pas EdDSA (-8)</translation>
    </message>
    <message>
        <source>key id must be 8 bytes</source>
        <translation>l&apos;identifiant de clé doit faire 8 octets</translation>
    </message>
    <message>
        <source>content type must be text</source>
        <translation>le type de contenu doit être du texte</translation>
    </message>
    <message>
        <source>COSE_Sign1 is not in canonical form</source>
        <translation>COSE_Sign1 n&apos;est pas sous forme canonique</translation>
    </message>
    <message>
        <source>not a token&apos;s COSE_Sign1 (tag 18, EdDSA, an 8-byte key id and nothing else)</source>
        <translation>pas le COSE_Sign1 d&apos;un code de fiche (étiquette 18, EdDSA, un identifiant de clé de 8 octets et rien d&apos;autre)</translation>
    </message>
    <message>
        <source>not valid CBOR ({problem})</source>
        <translation>CBOR non valide ({problem})</translation>
    </message>
    <message>
        <source>CBOR tag {tag} is not COSE_Sign1 (18)</source>
        <translation>l&apos;étiquette CBOR {tag} n&apos;est pas COSE_Sign1 (18)</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>accusé de réception</translation>
    </message>
    <message>
        <source>receipt: a decision entry is not [member a, member b, same|different, time, who]</source>
        <translation>reçu&#xa0;: une décision n&apos;est pas [membre a, membre b, same|different, heure, auteur]</translation>
    </message>
    <message>
        <source>evidence {bits:.1f} bits</source>
        <translation>indices {bits:.1f} bits</translation>
    </message>
    <message>
        <source>other members pair up: {others}</source>
        <translation>d&apos;autres membres se correspondent&#xa0;: {others}</translation>
    </message>
    <message>
        <source>no other member pairs up</source>
        <translation>aucun autre membre ne correspond</translation>
    </message>
    <message>
        <source>{where}: field &apos;revoked&apos; is not a whole number</source>
        <translation>{where}&#xa0;: le champ «&#xa0;revoked&#xa0;» n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>trust list</source>
        <translation>liste de confiance</translation>
    </message>
    <message>
        <source>revocation list</source>
        <translation>liste de révocation</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>nombre entier</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>octets</translation>
    </message>
    <message>
        <source>a map</source>
        <translation>table</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>liste</translation>
    </message>
    <message>
        <source>this file is not a FieldReg {name}</source>
        <translation>ce fichier n&apos;est pas un fichier «&#xa0;{name}&#xa0;» de FieldReg</translation>
    </message>
    <message>
        <source>{name} format version {version} is not supported by this FieldReg</source>
        <translation>{name}&#xa0;: la version de format {version} n&apos;est pas prise en charge par cette version de FieldReg</translation>
    </message>
    <message>
        <source>{name} is not signed by the HQ key this computer trusts</source>
        <translation>{name}&#xa0;: la signature ne provient pas de la clé du siège reconnue par cet ordinateur</translation>
    </message>
    <message>
        <source>{name} payload is not a map with text keys</source>
        <translation>{name}&#xa0;: le contenu n&apos;est pas une table à clés textuelles</translation>
    </message>
    <message>
        <source>{where}: field {name!r} is missing or not {type}</source>
        <translation>{where}&#xa0;: le champ {name!r} est absent ou n&apos;est pas de type {type}</translation>
    </message>
    <message>
        <source>enrollment file</source>
        <translation>fichier d&apos;enrôlement</translation>
    </message>
    <message>
        <source>enrollment payload</source>
        <translation>contenu du fichier d&apos;enrôlement</translation>
    </message>
    <message>
        <source>this file is not a FieldReg enrollment file</source>
        <translation>ce fichier n&apos;est pas un fichier d&apos;enrôlement FieldReg</translation>
    </message>
    <message>
        <source>enrollment file version {version!r} is not supported by this FieldReg</source>
        <translation>la version {version!r} du fichier d&apos;enrôlement n&apos;est pas prise en charge par cette version de FieldReg</translation>
    </message>
    <message>
        <source>{where} is not a map</source>
        <translation>{where} n&apos;est pas une table</translation>
    </message>
    <message>
        <source>enrollment file is inconsistent: its key is not in its trust list</source>
        <translation>le fichier d&apos;enrôlement est incohérent&#xa0;: sa clé ne figure pas dans sa liste de confiance</translation>
    </message>
    <message>
        <source>enrollment file is damaged</source>
        <translation>le fichier d&apos;enrôlement est endommagé</translation>
    </message>
    <message>
        <source>{where}: an escrow recipient is not an age public key</source>
        <translation>{where}&#xa0;: un destinataire de séquestre n&apos;est pas une clé publique age</translation>
    </message>
    <message>
        <source>{base} already holds an HQ key directory</source>
        <translation>{base} contient déjà un dossier de clés du siège</translation>
    </message>
    <message>
        <source>{path} is not an HQ key file</source>
        <translation>{path} n&apos;est pas un fichier de clés du siège</translation>
    </message>
    <message>
        <source>HQ key file version {version!r} is not supported</source>
        <translation>la version {version!r} du fichier de clés du siège n&apos;est pas prise en charge</translation>
    </message>
    <message>
        <source>{path}: root public key does not match the private key</source>
        <translation>{path}&#xa0;: la clé publique racine ne correspond pas à la clé privée</translation>
    </message>
    <message>
        <source>{path}: the escrow recipients were changed outside FieldReg</source>
        <translation>{path}&#xa0;: les destinataires de séquestre ont été modifiés en dehors de FieldReg</translation>
    </message>
    <message>
        <source>key {key_id_hex} is not in the trust list</source>
        <translation>la clé {key_id_hex} ne figure pas dans la liste de confiance</translation>
    </message>
    <message>
        <source>{kind} documents are issued by their own HqDir methods</source>
        <translation>les documents {kind} sont émis par leurs propres méthodes HqDir</translation>
    </message>
    <message>
        <source>HQ clock ({now:%Y-%m-%d %H:%M} UTC) is earlier than the last list issued ({last_issue:%Y-%m-%d %H:%M} UTC): fix the clock first</source>
        <translation>l&apos;horloge du siège ({now:%Y-%m-%d %H:%M} UTC) est antérieure à la dernière liste émise ({last_issue:%Y-%m-%d %H:%M} UTC)&#xa0;: corrigez d&apos;abord l&apos;horloge</translation>
    </message>
    <message>
        <source>{base} is not an HQ key directory (run &apos;fieldreg hq init&apos;)</source>
        <translation>{base} n&apos;est pas un dossier de clés du siège (lancez &apos;fieldreg hq init&apos;)</translation>
    </message>
    <message>
        <source>{path} is damaged</source>
        <translation>{path} est endommagé</translation>
    </message>
    <message>
        <source>no certificate for key {key_id_hex}</source>
        <translation>aucun certificat pour la clé {key_id_hex}</translation>
    </message>
    <message>
        <source>escrow recipient {text!r} is not an age public key (age1..., from age-keygen)</source>
        <translation>le destinataire de séquestre {text!r} n&apos;est pas une clé publique age (age1..., produite par age-keygen)</translation>
    </message>
    <message>
        <source>{key} is missing: run &apos;fieldreg hq tls --name HOST&apos; again</source>
        <translation>{key} est absent&#xa0;: refaites le certificat du siège («&#xa0;fieldreg hq tls --name HÔTE&#xa0;»)</translation>
    </message>
    <message>
        <source>HQ has no TLS certificate yet: run &apos;fieldreg hq tls --name HOST&apos;</source>
        <translation>Le siège n&apos;a pas encore de certificat TLS&#xa0;: lancez «&#xa0;fieldreg hq tls --name HÔTE&#xa0;»</translation>
    </message>
    <message>
        <source>{path} is not a PEM certificate</source>
        <translation>{path} n&apos;est pas un certificat PEM</translation>
    </message>
    <message>
        <source>an Ed25519 public key has 32 bytes, not {size}</source>
        <translation>une clé publique Ed25519 fait 32 octets, et non {size}</translation>
    </message>
    <message>
        <source>an Ed25519 private key has 32 bytes</source>
        <translation>une clé privée Ed25519 fait 32 octets</translation>
    </message>
    <message>
        <source>{text!r} is not a key id (16 hexadecimal digits)</source>
        <translation>{text!r} n&apos;est pas un identifiant de clé (16 chiffres hexadécimaux)</translation>
    </message>
    <message>
        <source>{text!r} is not an HQ key fingerprint (24 characters, e.g. K3QF-9XDM-...)</source>
        <translation>{text!r} n&apos;est pas une empreinte de clé du siège (24 caractères, p. ex. K3QF-9XDM-...)</translation>
    </message>
    <message>
        <source>not a valid Ed25519 public key</source>
        <translation>clé publique Ed25519 non valide</translation>
    </message>
    <message>
        <source>timestamp {seconds} is out of range</source>
        <translation>l&apos;horodatage {seconds} est hors limites</translation>
    </message>
    <message>
        <source>the post key does not match its certificate</source>
        <translation>la clé du poste ne correspond pas à son certificat</translation>
    </message>
    <message>
        <source>recovery answer</source>
        <translation>réponse de récupération</translation>
    </message>
    <message>
        <source>this post has no recovery code: it was set up with HQ (use a request)</source>
        <translation>ce poste n&apos;a pas de code de récupération&#xa0;: il a été installé avec le siège (faites une demande)</translation>
    </message>
    <message>
        <source>this post&apos;s recovery vault is not sealed to HQ: use its recovery code</source>
        <translation>le coffre de récupération de ce poste n&apos;est pas scellé pour le siège&#xa0;: utilisez son code de récupération</translation>
    </message>
    <message>
        <source>this recovery request names another post or vault than its sealed part</source>
        <translation>cette demande de récupération nomme un autre poste ou un autre coffre que sa partie scellée</translation>
    </message>
    <message>
        <source>this recovery answer is for another post</source>
        <translation>cette réponse de récupération est destinée à un autre poste</translation>
    </message>
    <message>
        <source>this recovery answer does not answer this post&apos;s latest request (already used, or an older request)</source>
        <translation>cette réponse de récupération ne répond pas à la dernière demande de ce poste (déjà utilisée, ou demande plus ancienne)</translation>
    </message>
    <message>
        <source>this recovery answer is for an older recovery vault (already used)</source>
        <translation>cette réponse de récupération vise un coffre de récupération plus ancien (déjà utilisée)</translation>
    </message>
    <message>
        <source>a recovery code is 32 letters and digits in groups of four</source>
        <translation>un code de récupération compte 32 lettres et chiffres par groupes de quatre</translation>
    </message>
    <message>
        <source>this recovery code does not open this post&apos;s recovery vault</source>
        <translation>ce code de récupération n&apos;ouvre pas le coffre de récupération de ce poste</translation>
    </message>
    <message>
        <source>this file is not a FieldReg recovery request</source>
        <translation>ce fichier n&apos;est pas une demande de récupération FieldReg</translation>
    </message>
    <message>
        <source>this recovery request was not sealed to this HQ</source>
        <translation>cette demande de récupération n&apos;a pas été scellée pour ce siège</translation>
    </message>
    <message>
        <source>this recovery request&apos;s recipient is not an age public key</source>
        <translation>le destinataire de cette demande de récupération n&apos;est pas une clé publique age</translation>
    </message>
    <message>
        <source>{problem}</source>
        <translation>{problem}</translation>
    </message>
    <message>
        <source>this recovery answer cannot be read with this post&apos;s request</source>
        <translation>cette réponse de récupération ne peut pas être lue avec la demande de ce poste</translation>
    </message>
    <message>
        <source>the post&apos;s recovery vault does not open (damaged or replaced)</source>
        <translation>le coffre de récupération du poste ne s&apos;ouvre pas (endommagé ou remplacé)</translation>
    </message>
    <message>
        <source>this file is not a FieldReg trust list</source>
        <translation>ce fichier n&apos;est pas une liste de confiance FieldReg</translation>
    </message>
    <message>
        <source>a trust list needs a version &gt;= 1 and an expiry after its issue</source>
        <translation>une liste de confiance doit avoir une version &gt;= 1 et une date d&apos;expiration postérieure à son émission</translation>
    </message>
    <message>
        <source>a key appears twice in the trust list</source>
        <translation>une clé figure deux fois dans la liste de confiance</translation>
    </message>
    <message>
        <source>a TLS pin is the 32-byte SHA-256 of a certificate&apos;s public key</source>
        <translation>une empreinte TLS est le SHA-256 (32 octets) de la clé publique d&apos;un certificat</translation>
    </message>
    <message>
        <source>trust list names a different HQ key than the one it is signed with</source>
        <translation>la liste de confiance indique une clé du siège différente de celle qui l&apos;a signée</translation>
    </message>
    <message>
        <source>trust list lists a key twice</source>
        <translation>la liste de confiance contient deux fois la même clé</translation>
    </message>
    <message>
        <source>{where}: a TLS pin is not a 32-byte SHA-256</source>
        <translation>{where}&#xa0;: une empreinte TLS n&apos;est pas un SHA-256 de 32 octets</translation>
    </message>
    <message>
        <source>this trust list is signed by a different HQ key than the fingerprint you entered</source>
        <translation>cette liste de confiance est signée par une clé du siège qui ne correspond pas à l&apos;empreinte saisie</translation>
    </message>
    <message>
        <source>a revocation list needs a version &gt;= 1</source>
        <translation>une liste de révocation doit avoir une version &gt;= 1</translation>
    </message>
    <message>
        <source>token ids are 16 bytes</source>
        <translation>les identifiants de code de fiche font 16 octets</translation>
    </message>
    <message>
        <source>{where}: token ids must be 16-byte strings</source>
        <translation>{where}&#xa0;: les identifiants de code de fiche doivent être des chaînes de 16 octets</translation>
    </message>
    <message>
        <source>{name} version {new_version} is older than the loaded version {old_version}: refused</source>
        <translation>la version {new_version} de la {name} est plus ancienne que la version chargée ({old_version})&#xa0;: refusée</translation>
    </message>
    <message>
        <source>no trust list in {path}: set this computer up first</source>
        <translation>aucune liste de confiance dans {path}&#xa0;: configurez d&apos;abord cet ordinateur</translation>
    </message>
    <message>
        <source>two different files of the {name} both claim version {version}: ask HQ for a new one</source>
        <translation>deux fichiers différents de la {name} indiquent tous deux la version {version}&#xa0;: demandez-en une nouvelle au siège</translation>
    </message>
    <message>
        <source>its last entries were replaced</source>
        <translation>ses dernières entrées ont été remplacées</translation>
    </message>
    <message>
        <source>the record of its last entry is missing</source>
        <translation>le relevé de sa dernière entrée est absent</translation>
    </message>
    <message>
        <source>the record of its last entry does not open</source>
        <translation>le relevé de sa dernière entrée ne s&apos;ouvre pas</translation>
    </message>
    <message>
        <source>the record of its last entry was forged</source>
        <translation>le relevé de sa dernière entrée a été falsifié</translation>
    </message>
    <message>
        <source>its last entry was changed</source>
        <translation>sa dernière entrée a été modifiée</translation>
    </message>
    <message>
        <source>the record of the households&apos; seals is missing ({expected} recorded, {found} found)</source>
        <translation>le relevé des sceaux des ménages est absent ({expected} relevés, {found} trouvés)</translation>
    </message>
    <message>
        <source>the record of the households&apos; seals was forged ({expected} recorded, {found} found)</source>
        <translation>le relevé des sceaux des ménages a été falsifié ({expected} relevés, {found} trouvés)</translation>
    </message>
    <message>
        <source>the households do not match the record of their seals ({expected} recorded, {found} found)</source>
        <translation>les ménages ne correspondent pas au relevé de leurs sceaux ({expected} relevés, {found} trouvés)</translation>
    </message>
    <message>
        <source>rows already carry a seal</source>
        <translation>des lignes portent déjà un sceau</translation>
    </message>
    <message>
        <source>fields are already sealed to their row</source>
        <translation>des champs sont déjà scellés à leur ligne</translation>
    </message>
    <message>
        <source>its row is missing</source>
        <translation>sa ligne est absente</translation>
    </message>
    <message>
        <source>its row carries no signed grant</source>
        <translation>sa ligne ne porte aucune habilitation signée</translation>
    </message>
    <message>
        <source>its signed grant is malformed</source>
        <translation>son habilitation signée est mal formée</translation>
    </message>
    <message>
        <source>its role, state or passphrase was changed by hand</source>
        <translation>son rôle, son état ou sa phrase secrète ont été modifiés à la main</translation>
    </message>
    <message>
        <source>its passphrase does not hold the post&apos;s account authority</source>
        <translation>sa phrase secrète ne donne pas accès à l&apos;autorité des comptes du poste</translation>
    </message>
    <message>
        <source>{code}</source>
        <translation>{code}</translation>
    </message>
    <message>
        <source>the account {user} was refused at sign-in: {reason}</source>
        <translation>le compte {user} a été refusé à la connexion&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>the wrong-passphrase count of {user} was changed by hand</source>
        <translation>le nombre de phrases secrètes erronées du compte {user} a été modifié à la main</translation>
    </message>
    <message>
        <source>{count} sign-in attempts with user names that do not exist</source>
        <translation>{count} tentatives de connexion avec des noms d&apos;utilisateur qui n&apos;existent pas</translation>
    </message>
    <message>
        <source>the post&apos;s account authority had been replaced by hand; it was put back</source>
        <translation>l&apos;autorité des comptes du poste avait été remplacée à la main&#xa0;; elle a été rétablie</translation>
    </message>
    <message>
        <source>audit entry {first} was deleted from the end of the log</source>
        <translation>l&apos;entrée d&apos;audit {first} a été supprimée de la fin du journal</translation>
    </message>
    <message>
        <source>this post is not pinned to an HQ: use its recovery code</source>
        <translation>ce poste n&apos;est rattaché à aucun siège&#xa0;: utilisez son code de récupération</translation>
    </message>
    <message>
        <source>this post has no recovery vault (an administrator makes one with &apos;fieldreg recover new-code&apos;)</source>
        <translation>ce poste n&apos;a pas de coffre de récupération (un administrateur en crée un avec «&#xa0;fieldreg recover new-code&#xa0;»)</translation>
    </message>
    <message>
        <source>the post&apos;s recovery vault is damaged</source>
        <translation>le coffre de récupération du poste est endommagé</translation>
    </message>
    <message>
        <source>{username!r} is a {role} account; name an administrator or a new user name</source>
        <translation>{username!r} est un compte {role}&#xa0;; nommez un administrateur ou un nouveau nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>the account {username!r} was changed outside FieldReg and is refused; an administrator must reset it</source>
        <translation>le compte {username!r} a été modifié hors de FieldReg et est refusé&#xa0;; un administrateur doit le réinitialiser</translation>
    </message>
    <message>
        <source>HQ&apos;s address must start with https:// (got {url!r})</source>
        <translation>L&apos;adresse du siège doit commencer par https:// (reçu {url!r})</translation>
    </message>
    <message>
        <source>this post has no HQ address: an administrator sets it with &apos;fieldreg sync --hq https://HOST:PORT&apos;</source>
        <translation>ce poste n&apos;a pas l&apos;adresse du siège&#xa0;: un administrateur la règle avec «&#xa0;fieldreg sync --hq https://HÔTE:PORT&#xa0;»</translation>
    </message>
    <message>
        <source>send the post&apos;s batches to HQ</source>
        <translation>envoyer les lots du poste au siège</translation>
    </message>
    <message>
        <source>your account holds no key that may grant the role {role}; an administrator must reset your passphrase first</source>
        <translation>votre compte ne détient aucune clé permettant d&apos;accorder le rôle {role}&#xa0;; un administrateur doit d&apos;abord réinitialiser votre phrase secrète</translation>
    </message>
    <message>
        <source>{regno} cannot be opened, so it cannot be voided: correct it from its slip first, then void it</source>
        <translation>{regno} ne peut pas être ouvert, donc pas annulé&#xa0;: corrigez-le d&apos;abord à partir de sa fiche, puis annulez-le</translation>
    </message>
    <message>
        <source>{regno} has changed since version {base} was shown (it is now version {version}): nothing was saved; open it again and redo the correction</source>
        <translation>{regno} a changé depuis l&apos;affichage de la version {base} (c&apos;est maintenant la version {version})&#xa0;: rien n&apos;a été enregistré&#xa0;; rouvrez-le et refaites la correction</translation>
    </message>
    <message>
        <source>{table}.{column} of {record} fails its integrity check or holds a value of unknown type</source>
        <translation>{table}.{column} de l&apos;enregistrement {record} échoue au contrôle d&apos;intégrité ou contient une valeur de type inconnu</translation>
    </message>
    <message>
        <source>the disk is full: nothing more can be saved until space is freed</source>
        <translation>le disque est plein&#xa0;: plus rien ne peut être enregistré tant que de la place n&apos;est pas libérée</translation>
    </message>
    <message>
        <source>the data directory is read-only: nothing can be saved (only reading works)</source>
        <translation>le dossier de données est en lecture seule&#xa0;: rien ne peut être enregistré (seule la consultation fonctionne)</translation>
    </message>
    <message>
        <source>the database {path} has changes not yet merged into it ({wal}) and its folder is read-only: make the folder writable once to open it</source>
        <translation>la base {path} a des modifications pas encore intégrées ({wal}) et son dossier est en lecture seule&#xa0;: rendez le dossier modifiable une fois pour l&apos;ouvrir</translation>
    </message>
    <message>
        <source>this store needs an update to schema version {known} (it has {current}), which a read-only data directory does not allow: make it writable once</source>
        <translation>ce magasin doit être mis à jour vers la version de schéma {known} (il est en {current}), ce qu&apos;un dossier de données en lecture seule ne permet pas&#xa0;: rendez-le modifiable une fois</translation>
    </message>
    <message>
        <source>{code} {facts}</source>
        <translation>{code} {facts}</translation>
    </message>
    <message>
        <source>the end of the audit log was tampered with ({problem})</source>
        <translation>la fin du journal d&apos;audit a été falsifiée ({problem})</translation>
    </message>
    <message>
        <source>{count} registrations changed outside FieldReg: {regnos}</source>
        <translation>{count} enregistrements modifiés hors de FieldReg&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>{count} registrations put back to an older version: {regnos}</source>
        <translation>{count} enregistrements ramenés à une version antérieure&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>{count} registrations whose encrypted fields do not open: {regnos}</source>
        <translation>{count} enregistrements dont les champs chiffrés ne s&apos;ouvrent pas&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>{count} registration numbers issued but missing: {regnos}</source>
        <translation>{count} numéros d&apos;enregistrement attribués mais absents&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>the upgrade of earlier records was refused: the store was sealed before ({why})</source>
        <translation>la mise à niveau des anciens enregistrements a été refusée&#xa0;: la base était déjà scellée ({why})</translation>
    </message>
    <message>
        <source>registrations changed outside FieldReg (clear columns or seal): {regnos}</source>
        <translation>enregistrements modifiés hors de FieldReg (colonnes en clair ou sceau)&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>registrations whose encrypted fields do not open under their version (put back from an older copy, or damaged): {regnos}</source>
        <translation>enregistrements dont les champs chiffrés ne s&apos;ouvrent pas sous leur version (remis depuis une copie antérieure, ou endommagés)&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>the record of every household&apos;s seal is missing (removed by hand)</source>
        <translation>le relevé des sceaux de tous les ménages est absent (supprimé à la main)</translation>
    </message>
    <message>
        <source>registrations in the audit log but deleted from the store: {regnos}</source>
        <translation>enregistrements présents dans le journal d&apos;audit mais supprimés de la base&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>registrations older than their history or audit log (put back from an older copy): {regnos}</source>
        <translation>enregistrements plus anciens que leur historique ou leur journal d&apos;audit (remis depuis une copie antérieure)&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>registration numbers issued but missing (no void explains them): {regnos}</source>
        <translation>numéros d&apos;enregistrement attribués mais absents (aucune annulation ne l&apos;explique)&#xa0;: {regnos}</translation>
    </message>
    <message>
        <source>audit entries {first}-{last} were deleted from the end of the log</source>
        <translation>les entrées d&apos;audit {first} à {last} ont été supprimées de la fin du journal</translation>
    </message>
    <message>
        <source>the record of every household&apos;s seal was tampered with</source>
        <translation>le relevé des sceaux de tous les ménages a été falsifié</translation>
    </message>
    <message>
        <source>the households do not match the record of their seals ({expected} recorded, {found} in the store): rows deleted, added or put back from an older copy</source>
        <translation>les ménages ne correspondent pas au relevé de leurs sceaux ({expected} relevés, {found} dans la base)&#xa0;: lignes supprimées, ajoutées ou remises depuis une copie antérieure</translation>
    </message>
    <message>
        <source>HQ&apos;s TLS certificate could not be verified: no authority this laptop trusts vouches for it, or it names another server; refused</source>
        <translation>Le certificat TLS du siège n&apos;a pas pu être vérifié&#xa0;: aucune autorité reconnue par cet ordinateur ne le garantit, ou il désigne un autre serveur&#xa0;; refusé</translation>
    </message>
    <message>
        <source>{problem} ({said})</source>
        <translation>{problem} ({said})</translation>
    </message>
    <message>
        <source>{length} characters need QR version {version} at level {ec}; at most {max_version} fits this slip</source>
        <translation>{length} caractères nécessitent un code QR de version {version} au niveau {ec}&#xa0;; cette fiche accepte au plus la version {max_version}</translation>
    </message>
    <message>
        <source>no readable QR code found in the image: photograph the slip flat, in good light, filling most of the picture</source>
        <translation>aucun code QR lisible dans l&apos;image&#xa0;: photographiez la fiche à plat, bien éclairée, en remplissant presque toute l&apos;image</translation>
    </message>
    <message>
        <source>{length} characters do not fit in any QR code at level {ec}</source>
        <translation>{length} caractères ne tiennent dans aucun code QR au niveau {ec}</translation>
    </message>
    <message>
        <source>no such file: {where}</source>
        <translation>fichier introuvable&#xa0;: {where}</translation>
    </message>
    <message>
        <source>{where} is not an image FieldReg can read (PNG, JPEG, ...)</source>
        <translation>{where} n&apos;est pas une image lisible par FieldReg (PNG, JPEG, ...)</translation>
    </message>
    <message>
        <source>{where} is too large ({width}x{height} pixels)</source>
        <translation>{where} est trop grand ({width}x{height} pixels)</translation>
    </message>
    <message>
        <source>{text!r} is not a registration number (expected POST-YY-NNNNNN-C)</source>
        <translation>{text!r} n&apos;est pas un numéro d&apos;enregistrement (format attendu&#xa0;: POST-YY-NNNNNN-C)</translation>
    </message>
    <message>
        <source>registration number {cleaned} has a wrong check character: a character was mistyped or two were swapped</source>
        <translation>le numéro d&apos;enregistrement {cleaned} a un caractère de contrôle erroné&#xa0;: un caractère a été mal tapé ou deux ont été inversés</translation>
    </message>
    <message>
        <source>registration number {cleaned} has sequence 000000</source>
        <translation>le numéro d&apos;enregistrement {cleaned} a le numéro d&apos;ordre 000000</translation>
    </message>
    <message>
        <source>sequence {sequence} is outside 1..{max_sequence}</source>
        <translation>le numéro d&apos;ordre {sequence} est hors de l&apos;intervalle 1..{max_sequence}</translation>
    </message>
    <message>
        <source>a reason is required</source>
        <translation>un motif est obligatoire</translation>
    </message>
    <message>
        <source>the reason is {length} characters long (at most {most})</source>
        <translation>le motif fait {length} caractères (au plus {most})</translation>
    </message>
    <message>
        <source>{user} must choose a new passphrase first (fieldreg user passwd)</source>
        <translation>{user} doit d&apos;abord choisir une nouvelle phrase secrète (fieldreg user passwd)</translation>
    </message>
    <message>
        <source>{user} is signed in as {role} and may not {action}</source>
        <translation>{user} est connecté(e) avec le rôle {role} et ne peut pas {action}</translation>
    </message>
    <message>
        <source>type a name or a registration number to search for</source>
        <translation>saisissez un nom ou un numéro d&apos;enregistrement à rechercher</translation>
    </message>
    <message>
        <source>you cannot disable your own account</source>
        <translation>vous ne pouvez pas désactiver votre propre compte</translation>
    </message>
    <message>
        <source>{regno} is void and cannot be corrected</source>
        <translation>{regno} est annulé et ne peut pas être corrigé</translation>
    </message>
    <message>
        <source>nothing to correct: {regno} already says exactly this</source>
        <translation>rien à corriger&#xa0;: {regno} contient déjà exactement ces informations</translation>
    </message>
    <message>
        <source>{regno} is already void</source>
        <translation>{regno} est déjà annulé</translation>
    </message>
    <message>
        <source>QR code of {modules} modules does not fit the {name} slip at {min_module_mm} mm per module; use a larger layout</source>
        <translation>un code QR de {modules} modules ne tient pas sur la fiche au format {name} à {min_module_mm} mm par module&#xa0;; utilisez un format plus grand</translation>
    </message>
    <message>
        <source>slip issue time must be timezone-aware (UTC)</source>
        <translation>l&apos;heure de délivrance de la fiche doit indiquer le fuseau horaire (UTC)</translation>
    </message>
    <message>
        <source>slip has no token to print as a QR code</source>
        <translation>la fiche n&apos;a pas de code à imprimer en code QR</translation>
    </message>
    <message>
        <source>unknown slip layout {name!r}; choose one of: {choices}</source>
        <translation>format de fiche inconnu {name!r}&#xa0;; choisissez parmi&#xa0;: {choices}</translation>
    </message>
    <message>
        <source>this station holds no HQ trust list: set it up with &apos;fieldreg init --enroll FILE&apos; (post) or &apos;fieldreg init --camp ID --trust FILE&apos; (camp), or give --trust FILE</source>
        <translation>ce poste ne détient aucune liste de confiance du siège&#xa0;: configurez-le avec &apos;fieldreg init --enroll FILE&apos; (poste frontière) ou &apos;fieldreg init --camp ID --trust FILE&apos; (camp), ou indiquez --trust FILE</translation>
    </message>
    <message>
        <source>the trust files in {trust_dir} are not signed by the HQ key this station was set up with</source>
        <translation>les fichiers de confiance de {trust_dir} ne sont pas signés par la clé du siège avec laquelle ce poste a été configuré</translation>
    </message>
    <message>
        <source>this file is neither a FieldReg trust list nor a revocation list</source>
        <translation>ce fichier n&apos;est ni une liste de confiance ni une liste de révocation FieldReg</translation>
    </message>
    <message>
        <source>only a border post holds signing keys</source>
        <translation>seul un poste frontière détient des clés de signature</translation>
    </message>
    <message>
        <source>this file comes from another HQ (fingerprint {fingerprint}); nothing was changed</source>
        <translation>ce fichier provient d&apos;un autre siège (empreinte {fingerprint})&#xa0;; rien n&apos;a été modifié</translation>
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
        <source>register households</source>
        <translation>enregistrer des ménages</translation>
    </message>
    <message>
        <source>see registrations</source>
        <translation>consulter les enregistrements</translation>
    </message>
    <message>
        <source>print slips</source>
        <translation>imprimer des fiches</translation>
    </message>
    <message>
        <source>verify slips</source>
        <translation>vérifier des fiches</translation>
    </message>
    <message>
        <source>correct registrations</source>
        <translation>corriger des enregistrements</translation>
    </message>
    <message>
        <source>void registrations</source>
        <translation>annuler des enregistrements</translation>
    </message>
    <message>
        <source>see the statistics</source>
        <translation>consulter les statistiques</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>lire le journal d&apos;audit</translation>
    </message>
    <message>
        <source>export batches</source>
        <translation>exporter des lots</translation>
    </message>
    <message>
        <source>decide on possible duplicates</source>
        <translation>statuer sur les doublons possibles</translation>
    </message>
    <message>
        <source>manage officer accounts</source>
        <translation>gérer les comptes des agents</translation>
    </message>
    <message>
        <source>manage every account</source>
        <translation>gérer tous les comptes</translation>
    </message>
    <message>
        <source>user name {username!r} must be 2-32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation>le nom d&apos;utilisateur {username!r} doit compter de 2 à 32 lettres minuscules, chiffres, &apos;.&apos;, &apos;_&apos; ou &apos;-&apos;, et commencer par une lettre</translation>
    </message>
    <message>
        <source>role {role!r} is not one of {join}</source>
        <translation>le rôle {role!r} ne fait pas partie de {join}</translation>
    </message>
    <message>
        <source>a passphrase needs at least {min_passphrase} characters</source>
        <translation>une phrase secrète doit compter au moins {min_passphrase} caractères</translation>
    </message>
    <message>
        <source>the passphrase must not be the user name</source>
        <translation>la phrase secrète ne doit pas être le nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>no user {username!r} at this station</source>
        <translation>aucun utilisateur {username!r} sur ce poste</translation>
    </message>
    <message>
        <source>user {username!r} already exists</source>
        <translation>l&apos;utilisateur {username!r} existe déjà</translation>
    </message>
    <message>
        <source>the account {username!r} is disabled; ask a supervisor</source>
        <translation>le compte {username!r} est désactivé&#xa0;; adressez-vous à un superviseur</translation>
    </message>
    <message>
        <source>too many wrong passphrases for {username!r}; try again in {seconds} s</source>
        <translation>trop de phrases secrètes incorrectes pour {username!r}&#xa0;; réessayez dans {seconds} s</translation>
    </message>
    <message>
        <source>wrong passphrase for {username!r}</source>
        <translation>phrase secrète incorrecte pour {username!r}</translation>
    </message>
    <message>
        <source>wrong passphrase for {username!r}; wait {seconds} s before trying again</source>
        <translation>phrase secrète incorrecte pour {username!r}&#xa0;; attendez {seconds} s avant de réessayer</translation>
    </message>
    <message>
        <source>this store</source>
        <translation>cette base de données</translation>
    </message>
    <message>
        <source>the database {path} cannot use write-ahead logging (got {mode})</source>
        <translation>la base de données {path} ne peut pas utiliser la journalisation anticipée (WAL) (mode obtenu&#xa0;: {mode})</translation>
    </message>
    <message>
        <source>{what} has schema version {current}, newer than this FieldReg understands ({known}); install the newer FieldReg</source>
        <translation>{what} a la version de schéma {current}, plus récente que ce que comprend cette version de FieldReg ({known})&#xa0;; installez la nouvelle version de FieldReg</translation>
    </message>
    <message>
        <source>cannot open the database {path}: {err}</source>
        <translation>impossible d&apos;ouvrir la base de données {path}&#xa0;: {err}</translation>
    </message>
    <message>
        <source>the database is busy or unwritable: {err}</source>
        <translation>la base de données est occupée ou protégée en écriture&#xa0;: {err}</translation>
    </message>
    <message>
        <source>could not save: {err}</source>
        <translation>impossible d&apos;enregistrer&#xa0;: {err}</translation>
    </message>
    <message>
        <source>{table}.{column} of {record} is not text</source>
        <translation>{table}.{column} de l&apos;enregistrement {record} n&apos;est pas du texte</translation>
    </message>
    <message>
        <source>summary of {regno} has unknown version {version!r}</source>
        <translation>le résumé de {regno} a une version inconnue {version!r}</translation>
    </message>
    <message>
        <source>the post name is required</source>
        <translation>le nom du poste est obligatoire</translation>
    </message>
    <message>
        <source>station kind {kind!r} is not one of {join}</source>
        <translation>le type de poste {kind!r} ne fait pas partie de {join}</translation>
    </message>
    <message>
        <source>no FieldReg store in {data_dir}; run &apos;fieldreg init&apos; first (or &apos;fieldreg init --demo&apos;)</source>
        <translation>aucune base de données FieldReg dans {data_dir}&#xa0;; lancez d&apos;abord &apos;fieldreg init&apos; (ou &apos;fieldreg init --demo&apos;)</translation>
    </message>
    <message>
        <source>store setting {key!r} is missing</source>
        <translation>le paramètre {key!r} de la base de données est absent</translation>
    </message>
    <message>
        <source>no registration {regno} at this post</source>
        <translation>aucun enregistrement {regno} sur ce poste</translation>
    </message>
    <message>
        <source>HQ refused: {said}</source>
        <translation>refusé par le siège&#xa0;: {said}</translation>
    </message>
    <message>
        <source>the connection was cut</source>
        <translation>la connexion a été coupée</translation>
    </message>
    <message>
        <source>HQ answered {status}</source>
        <translation>réponse du siège&#xa0;: {status}</translation>
    </message>
    <message>
        <source>HQ cannot take it now: {said}</source>
        <translation>le siège ne peut pas le prendre maintenant&#xa0;: {said}</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>pas de connexion</translation>
    </message>
    <message>
        <source>the link to HQ keeps dropping; the upload resumes at the next try</source>
        <translation>la liaison avec le siège coupe sans cesse&#xa0;; l&apos;envoi reprendra au prochain essai</translation>
    </message>
    <message>
        <source>HQ not reached ({why})</source>
        <translation>siège injoignable ({why})</translation>
    </message>
    <message>
        <source>the reason HQ gave is in &apos;fieldreg sync --status&apos;</source>
        <translation>le motif donné par le siège figure dans &apos;fieldreg sync --status&apos;</translation>
    </message>
    <message>
        <source>HQ no longer holds this upload; it starts again</source>
        <translation>le siège ne détient plus cet envoi&#xa0;; il recommence</translation>
    </message>
    <message>
        <source>HQ received a damaged copy and discarded it; sending again</source>
        <translation>le siège a reçu une copie abîmée et l&apos;a écartée&#xa0;; nouvel envoi</translation>
    </message>
    <message>
        <source>batch {seq}: fork, HQ holds another batch with this number; this one is kept at HQ for a person to decide</source>
        <translation>lot {seq}&#xa0;: conflit, le siège détient un autre lot portant ce numéro&#xa0;; celui-ci est gardé au siège jusqu&apos;à la décision d&apos;une personne</translation>
    </message>
    <message>
        <source>batch {seq} refused by HQ&apos;s checks: {said}</source>
        <translation>lot {seq} refusé par les contrôles du siège&#xa0;: {said}</translation>
    </message>
    <message>
        <source>the server&apos;s TLS key ({pin}) is not HQ&apos;s: a wrong address, or a proxy reading the connection; refused (HQ&apos;s pin comes with the trust list)</source>
        <translation>la clé TLS du serveur ({pin}) n&apos;est pas celle du siège&#xa0;: adresse erronée, ou intermédiaire qui lit la connexion&#xa0;; refusé (l&apos;empreinte du siège arrive avec la liste de confiance)</translation>
    </message>
    <message>
        <source>HQ&apos;s TLS certificate expired on {date}: HQ must renew it (&apos;fieldreg hq tls&apos;); refused</source>
        <translation>Le certificat TLS du siège a expiré le {date}&#xa0;: le siège doit le renouveler (&apos;fieldreg hq tls&apos;)&#xa0;; refusé</translation>
    </message>
    <message>
        <source>HQ&apos;s TLS certificate is valid only from {moment} UTC: check this laptop&apos;s clock; refused</source>
        <translation>Le certificat TLS du siège n&apos;est valable qu&apos;à partir du {moment} UTC&#xa0;: vérifiez l&apos;horloge de cet ordinateur&#xa0;; refusé</translation>
    </message>
    <message>
        <source>HQ&apos;s server showed no certificate: refused</source>
        <translation>Le serveur du siège n&apos;a présenté aucun certificat&#xa0;: refusé</translation>
    </message>
    <message>
        <source>the request was not signed</source>
        <translation>la demande n&apos;était pas signée</translation>
    </message>
    <message>
        <source>HQ does not know this post&apos;s key</source>
        <translation>le siège ne connaît pas la clé de ce poste</translation>
    </message>
    <message>
        <source>this post&apos;s key is revoked</source>
        <translation>la clé de ce poste est révoquée</translation>
    </message>
    <message>
        <source>this laptop&apos;s clock is too far from HQ&apos;s</source>
        <translation>l&apos;horloge de cet ordinateur est trop éloignée de celle du siège</translation>
    </message>
    <message>
        <source>the request&apos;s signature did not verify</source>
        <translation>la signature de la demande n&apos;est pas valide</translation>
    </message>
    <message>
        <source>the request concerned another post</source>
        <translation>la demande concernait un autre poste</translation>
    </message>
    <message>
        <source>the batch&apos;s identity could not be read</source>
        <translation>l&apos;identité du lot n&apos;a pas pu être lue</translation>
    </message>
    <message>
        <source>a request could not be read</source>
        <translation>une demande n&apos;a pas pu être lue</translation>
    </message>
    <message>
        <source>HQ holds this batch with another size</source>
        <translation>le siège détient ce lot avec une autre taille</translation>
    </message>
    <message>
        <source>HQ speaks another version of the upload protocol</source>
        <translation>le siège utilise une autre version du protocole d&apos;envoi</translation>
    </message>
    <message>
        <source>the batch is larger than HQ accepts</source>
        <translation>le lot est plus gros que ce que le siège accepte</translation>
    </message>
    <message>
        <source>more bytes than the batch holds</source>
        <translation>plus d&apos;octets que le lot n&apos;en contient</translation>
    </message>
    <message>
        <source>an upload of the wrong type</source>
        <translation>un envoi du mauvais type</translation>
    </message>
    <message>
        <source>HQ holds another part of the batch</source>
        <translation>le siège détient une autre partie du lot</translation>
    </message>
    <message>
        <source>HQ does not hold this upload</source>
        <translation>le siège ne détient pas cet envoi</translation>
    </message>
    <message>
        <source>the batch arrived damaged</source>
        <translation>le lot est arrivé endommagé</translation>
    </message>
    <message>
        <source>HQ holds nothing for this post yet</source>
        <translation>le siège ne détient encore rien pour ce poste</translation>
    </message>
    <message>
        <source>too many requests: HQ asks the post to wait</source>
        <translation>trop de demandes&#xa0;: le siège demande au poste d&apos;attendre</translation>
    </message>
    <message>
        <source>members must be a list of member codes (10000 × sex + birth year)</source>
        <translation>les membres doivent être une liste de codes de membre (10000 × sexe + année de naissance)</translation>
    </message>
    <message>
        <source>{label} must be 1-{max_name_bytes} bytes (use fit_name)</source>
        <translation>{label} doit faire de 1 à {max_name_bytes} octets (à raccourcir avant la signature)</translation>
    </message>
    <message>
        <source>{label} contains control or text-direction override characters</source>
        <translation>{label} contient des caractères de contrôle ou de forçage du sens du texte</translation>
    </message>
    <message>
        <source>a timestamp is out of range</source>
        <translation>un horodatage est hors limites</translation>
    </message>
    <message>
        <source>sex code {sex!r} is not an ISO/IEC 5218 code</source>
        <translation>le code de sexe {sex!r} n&apos;est pas un code ISO/IEC 5218</translation>
    </message>
    <message>
        <source>birth year {birth_year!r} is outside {min_birth_year}-{max_birth_year}</source>
        <translation>l&apos;année de naissance {birth_year!r} est hors de l&apos;intervalle {min_birth_year}-{max_birth_year}</translation>
    </message>
    <message>
        <source>registration number must be text</source>
        <translation>le numéro d&apos;enregistrement doit être du texte</translation>
    </message>
    <message>
        <source>registration number must be written in capitals without spaces</source>
        <translation>le numéro d&apos;enregistrement doit être écrit en majuscules, sans espaces</translation>
    </message>
    <message>
        <source>a token lists 1-{max_members} members</source>
        <translation>un code de fiche indique de 1 à {max_members} membres</translation>
    </message>
    <message>
        <source>members must be Member values</source>
        <translation>les membres de la fiche sont mal formés</translation>
    </message>
    <message>
        <source>household size must be at least the number of members listed</source>
        <translation>la taille du ménage doit être au moins égale au nombre de membres indiqués</translation>
    </message>
    <message>
        <source>token id must be 16 bytes</source>
        <translation>l&apos;identifiant du code de fiche doit faire 16 octets</translation>
    </message>
    <message>
        <source>serial must be 1-9999</source>
        <translation>le numéro de série doit être compris entre 1 et 9999</translation>
    </message>
    <message>
        <source>a token must expire after it is issued</source>
        <translation>un code de fiche doit expirer après sa délivrance</translation>
    </message>
    <message>
        <source>claims have missing or unknown fields</source>
        <translation>les données du code ont des champs manquants ou inconnus</translation>
    </message>
    <message>
        <source>a member code is not 10000 × ISO 5218 sex code + birth year {min_birth_year}-{max_birth_year}</source>
        <translation>un code de membre n&apos;est pas de la forme 10000 × code de sexe ISO 5218 + année de naissance {min_birth_year}-{max_birth_year}</translation>
    </message>
    <message>
        <source>post {post_id} cannot issue a token in the name of {issuing_post}</source>
        <translation>le poste {post_id} ne peut pas délivrer de code de fiche au nom du poste {issuing_post}</translation>
    </message>
    <message>
        <source>this post&apos;s key is not valid at this date: load a new enrollment from HQ</source>
        <translation>la clé de ce poste n&apos;est pas valable à cette date&#xa0;: chargez un nouveau fichier d&apos;enrôlement du siège</translation>
    </message>
    <message>
        <source>not text</source>
        <translation>pas du texte</translation>
    </message>
    <message>
        <source>not a FieldReg token (does not start with {prefix})</source>
        <translation>pas un code de fiche FieldReg (ne commence pas par {prefix})</translation>
    </message>
    <message>
        <source>too long to be a token</source>
        <translation>trop long pour être un code de fiche</translation>
    </message>
    <message>
        <source>claims are not a map</source>
        <translation>les données du code ne sont pas une table</translation>
    </message>
    <message>
        <source>claims version {version!r} is not supported</source>
        <translation>la version {version!r} des données du code n&apos;est pas prise en charge</translation>
    </message>
    <message>
        <source>compressed claims are truncated or too large</source>
        <translation>les données compressées du code sont tronquées ou trop volumineuses</translation>
    </message>
    <message>
        <source>unexpected bytes after the compressed claims</source>
        <translation>octets inattendus après les données compressées du code</translation>
    </message>
    <message>
        <source>token format {group} is not supported by this FieldReg (update it)</source>
        <translation>le format de code de fiche {group} n&apos;est pas pris en charge par cette version de FieldReg (mettez-la à jour)</translation>
    </message>
    <message>
        <source>the text after the prefix is not valid base45</source>
        <translation>le texte après le préfixe n&apos;est pas du base45 valide</translation>
    </message>
    <message>
        <source>damaged compressed claims</source>
        <translation>données compressées du code endommagées</translation>
    </message>
    <message>
        <source>the PDF</source>
        <translation>le PDF</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>l&apos;image</translation>
    </message>
    <message>
        <source>no readable QR code found in the PDF: open the slip&apos;s own PDF, not a copy of it</source>
        <translation>aucun code QR lisible dans le PDF&#xa0;: ouvrez le PDF de la fiche elle-même, pas une copie</translation>
    </message>
    <message>
        <source>{where} is not a PDF FieldReg can read</source>
        <translation>{where} n&apos;est pas un PDF que FieldReg sait lire</translation>
    </message>
    <message>
        <source>{where} is damaged or truncated</source>
        <translation>{where} est illisible&#xa0;: fichier endommagé ou tronqué</translation>
    </message>
    <message>
        <source>{reason}: {detail}</source>
        <translation>{reason}&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>{hours:.0f} h</source>
        <translation>{hours:.0f} h</translation>
    </message>
    <message>
        <source>{days:.0f} days</source>
        <translation>{days:.0f} jours</translation>
    </message>
    <message>
        <source>this computer&apos;s clock ({now:%Y-%m-%d %H:%M} UTC) is behind the latest HQ list; using {effective:%Y-%m-%d %H:%M} UTC</source>
        <translation>l&apos;horloge de cet ordinateur ({now:%Y-%m-%d %H:%M} UTC) est en retard sur la dernière liste du siège&#xa0;; utilisation de {effective:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <source>trust list version {version} expired on {expires:%Y-%m-%d}: load a newer one from HQ (recently revoked keys may be missing)</source>
        <translation>la liste de confiance version {version} a expiré le {expires:%Y-%m-%d}&#xa0;: chargez-en une plus récente du siège (des clés révoquées récemment peuvent manquer)</translation>
    </message>
    <message>
        <source>key {kid} is not in trust list version {version}</source>
        <translation>la clé {kid} ne figure pas dans la liste de confiance version {version}</translation>
    </message>
    <message>
        <source>the token was altered or forged</source>
        <translation>le code a été modifié ou falsifié</translation>
    </message>
    <message>
        <source>HQ revoked key {kid} of post {post} on {revoked:%Y-%m-%d}</source>
        <translation>le siège a révoqué la clé {kid} du poste {post} le {revoked:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>token names post {named} but is signed by key {kid} of post {post}</source>
        <translation>le code indique le poste {named} mais il est signé par la clé {kid} du poste {post}</translation>
    </message>
    <message>
        <source>issued {issued:%Y-%m-%d %H:%M} UTC, outside the key&apos;s validity {start:%Y-%m-%d} to {end:%Y-%m-%d}</source>
        <translation>délivré le {issued:%Y-%m-%d %H:%M} UTC, hors de la période de validité de la clé, du {start:%Y-%m-%d} au {end:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>HQ revoked this token (revocation list version {version}); a newer slip may exist</source>
        <translation>le siège a révoqué ce code de fiche (liste de révocation version {version})&#xa0;; une fiche plus récente peut exister</translation>
    </message>
    <message>
        <source>issued {span} in the future: the post&apos;s or this computer&apos;s clock is wrong (the signature itself is genuine)</source>
        <translation>délivré avec {span} d&apos;avance&#xa0;: l&apos;horloge du poste ou de cet ordinateur est fausse (la signature elle-même est authentique)</translation>
    </message>
    <message>
        <source>issued {span} in the future: check the post&apos;s and this computer&apos;s clocks</source>
        <translation>délivré avec {span} d&apos;avance&#xa0;: vérifiez l&apos;horloge du poste et celle de cet ordinateur</translation>
    </message>
    <message>
        <source>token expired on {expires:%Y-%m-%d}</source>
        <translation>le code de fiche a expiré le {expires:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>contient des caractères de contrôle</translation>
    </message>
    <message>
        <source>is {length} characters long (at most {most})</source>
        <translation>fait {length} caractères (au plus {most})</translation>
    </message>
    <message>
        <source>must be text: an ISO date-time</source>
        <translation>doit être du texte&#xa0;: une date-heure ISO</translation>
    </message>
    <message>
        <source>{raw} is before {earliest}</source>
        <translation>{raw} est antérieur au {earliest}</translation>
    </message>
    <message>
        <source>must be text: an ISO date (YYYY-MM-DD)</source>
        <translation>doit être du texte&#xa0;: une date ISO (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>lists and objects nested more than {most} deep</source>
        <translation>listes et objets imbriqués sur plus de {most} niveaux</translation>
    </message>
    <message>
        <source>not valid JSON: {name} is not a JSON value</source>
        <translation>JSON non valide&#xa0;: {name} n&apos;est pas une valeur JSON</translation>
    </message>
    <message>
        <source>a number of {length} characters (at most {most})</source>
        <translation>un nombre de {length} caractères (au plus {most})</translation>
    </message>
    <message>
        <source>the number {text} is too large</source>
        <translation>le nombre {text} est trop grand</translation>
    </message>
    <message>
        <source>the key {key!r} is given twice in one object</source>
        <translation>la clé {key!r} figure deux fois dans un même objet</translation>
    </message>
    <message>
        <source>not valid JSON: {problem} (column {column})</source>
        <translation>JSON non valide&#xa0;: {problem} (colonne {column})</translation>
    </message>
    <message>
        <source>not valid JSON: {problem}</source>
        <translation>JSON non valide&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>the line is longer than {most} bytes</source>
        <translation>la ligne dépasse {most} octets</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte {byte} at position {position})</source>
        <translation>texte non UTF-8 (octet {byte} en position {position})</translation>
    </message>
    <message>
        <source>estimated age {value} means a birth before {earliest}</source>
        <translation>l&apos;âge estimé {value} signifie une naissance avant {earliest}</translation>
    </message>
    <message>
        <source>{count} entries (at most {most})</source>
        <translation>{count} entrées (au plus {most})</translation>
    </message>
    <message>
        <source>{count} documents (at most {most})</source>
        <translation>{count} documents (au plus {most})</translation>
    </message>
    <message>
        <source>must be text: base64</source>
        <translation>doit être du texte&#xa0;: base64</translation>
    </message>
    <message>
        <source>must be text: F, M or X</source>
        <translation>doit être du texte&#xa0;: F, M ou X</translation>
    </message>
    <message>
        <source>must be text: one of {choices}</source>
        <translation>doit être du texte&#xa0;: l&apos;un de {choices}</translation>
    </message>
    <message>
        <source>{value} is before {earliest}</source>
        <translation>{value} est antérieur à {earliest}</translation>
    </message>
    <message>
        <source>has no letters</source>
        <translation>ne contient aucune lettre</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>doit être un objet JSON</translation>
    </message>
    <message>
        <source>file is for {named}, not {regno}</source>
        <translation>le fichier concerne {named}, et non {regno}</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>doit être du texte</translation>
    </message>
    <message>
        <source>{value!r} is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)</source>
        <translation>{value!r} n&apos;est pas un code pays ISO 3166 alpha-3 (p. ex. MLI, BFA)</translation>
    </message>
    <message>
        <source>give arrival_date or arrived_at, not both</source>
        <translation>indiquez la date d&apos;arrivée une seule fois (une date, ou une date et une heure), pas les deux</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>doit être un nombre entier</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>ne peut pas être négatif</translation>
    </message>
    <message>
        <source>estimated age {value} is over {max_age}</source>
        <translation>l&apos;âge estimé {value} dépasse {max_age}</translation>
    </message>
    <message>
        <source>must be a list of text codes</source>
        <translation>doit être une liste de codes texte</translation>
    </message>
    <message>
        <source>must be a list of {type, number}</source>
        <translation>doit être une liste de {type, number}</translation>
    </message>
    <message>
        <source>is {size} bytes (at most {most})</source>
        <translation>fait {size} octets (au plus {most})</translation>
    </message>
    <message>
        <source>must be a JPEG or PNG image</source>
        <translation>doit être une image JPEG ou PNG</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>must be 1-40 letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>doit compter de 1 à 40 lettres, chiffres, &apos;-&apos; ou &apos;_&apos;</translation>
    </message>
    <message>
        <source>{sex!r} is not a sex code (F, M or X)</source>
        <translation>{sex!r} n&apos;est pas un code de sexe (F, M ou X)</translation>
    </message>
    <message>
        <source>{relationship!r} is not one of {choices}</source>
        <translation>{relationship!r} ne fait pas partie de {choices}</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>doit être vrai ou faux</translation>
    </message>
    <message>
        <source>may hold only digits, spaces, hyphens and a leading +</source>
        <translation>ne peut contenir que des chiffres, des espaces, des traits d&apos;union et un + initial</translation>
    </message>
    <message>
        <source>is required: {country, region, locality}</source>
        <translation>est obligatoire&#xa0;: {country, region, locality}</translation>
    </message>
    <message>
        <source>must be recorded as true or false</source>
        <translation>doit être indiqué par vrai ou faux</translation>
    </message>
    <message>
        <source>must list at least one member</source>
        <translation>doit indiquer au moins un membre</translation>
    </message>
    <message>
        <source>contains {character!r}; only letters, spaces, apostrophes and hyphens are allowed</source>
        <translation>contient {character!r}&#xa0;; seuls les lettres, espaces, apostrophes et traits d&apos;union sont acceptés</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>the disk at HQ is full</source>
        <translation>le disque du siège est plein</translation>
    </message>
    <message>
        <source>the storage at HQ failed</source>
        <translation>le stockage du siège a échoué</translation>
    </message>
    <message>
        <source>unknown key {key!r}</source>
        <translation>champ inconnu {key!r}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
    <message>
        <source>is required (ISO 3166 alpha-3, e.g. MLI)</source>
        <translation>est obligatoire (ISO 3166 alpha-3, p. ex. MLI)</translation>
    </message>
    <message>
        <source>needs a time zone (e.g. 2026-11-20T08:30Z)</source>
        <translation>doit indiquer un fuseau horaire (p. ex. 2026-11-20T08:30Z)</translation>
    </message>
    <message>
        <source>{raw} is in the future</source>
        <translation>{raw} est dans le futur</translation>
    </message>
    <message>
        <source>give exactly one of birth_date, birth_year or age (got {given})</source>
        <translation>indiquez une seule valeur parmi la date de naissance, l&apos;année de naissance ou l&apos;âge (reçu&#xa0;: {given})</translation>
    </message>
    <message>
        <source>give exactly one of birth_date, birth_year or age</source>
        <translation>indiquez une seule valeur parmi la date de naissance, l&apos;année de naissance ou l&apos;âge</translation>
    </message>
    <message>
        <source>{value} is in the future</source>
        <translation>{value} est dans le futur</translation>
    </message>
    <message>
        <source>{value} means an age over {max_age}</source>
        <translation>{value} correspond à un âge de plus de {max_age} ans</translation>
    </message>
    <message>
        <source>{value} means an estimated age over {max_age}</source>
        <translation>{value} correspond à un âge estimé de plus de {max_age} ans</translation>
    </message>
    <message>
        <source>must be an object with type and number</source>
        <translation>doit être un objet avec type et number</translation>
    </message>
    <message>
        <source>{doc_type!r} is not one of {choices}</source>
        <translation>{doc_type!r} ne fait pas partie de {choices}</translation>
    </message>
    <message>
        <source>is not base64</source>
        <translation>n&apos;est pas en base64</translation>
    </message>
    <message>
        <source>{code!r} is not an ISO 639 code (e.g. bm, ff, fr)</source>
        <translation>{code!r} n&apos;est pas un code ISO 639 (p. ex. bm, ff, fr)</translation>
    </message>
    <message>
        <source>{code!r} is not one of {choices}</source>
        <translation>{code!r} ne fait pas partie de {choices}</translation>
    </message>
    <message>
        <source>{count} members (at most {most})</source>
        <translation>{count} membres (au plus {most})</translation>
    </message>
    <message>
        <source>{raw!r} is not an ISO date-time</source>
        <translation>{raw!r} n&apos;est pas une date-heure ISO</translation>
    </message>
    <message>
        <source>{raw!r} is not an ISO date (YYYY-MM-DD)</source>
        <translation>{raw!r} n&apos;est pas une date ISO (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>{value!r} is not an ISO date (YYYY-MM-DD)</source>
        <translation>{value!r} n&apos;est pas une date ISO (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>no member is the head (relationship &quot;head&quot;)</source>
        <translation>aucun membre n&apos;est chef de ménage</translation>
    </message>
    <message>
        <source>two members share the same id</source>
        <translation>deux membres ont le même identifiant</translation>
    </message>
    <message>
        <source>members {heads} are both marked as head</source>
        <translation>les membres {heads} sont tous deux indiqués comme chef de ménage</translation>
    </message>
    <message>
        <source>nothing was scanned or typed</source>
        <translation>rien n&apos;a été scanné ni saisi</translation>
    </message>
    <message>
        <source>no trust list: set this computer up as a camp (&apos;fieldreg init --camp ID --trust FILE --admin USER&apos;) or give --trust FILE --fingerprint FP</source>
        <translation>aucune liste de confiance&#xa0;: configurez cet ordinateur comme camp (&apos;fieldreg init --camp ID --trust FILE --admin USER&apos;) ou indiquez --trust FILE --fingerprint FP</translation>
    </message>
    <message>
        <source>this computer is not set up as a station: give HQ&apos;s --fingerprint with --trust, so the list can be checked</source>
        <translation>cet ordinateur n&apos;est pas configuré comme poste&#xa0;: indiquez --fingerprint (l&apos;empreinte du siège) avec --trust, pour que la liste puisse être vérifiée</translation>
    </message>
</context>
</TS>
