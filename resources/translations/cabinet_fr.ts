<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CardErrors</name>
    <message>
        <location filename="../../desktop_app/messages.py" line="26"/>
        <source>The card was removed before it could be read.</source>
        <translation>La carte a été retirée avant d&apos;avoir pu être lue.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="27"/>
        <source>The card reader was disconnected.</source>
        <translation>Le lecteur de cartes a été débranché.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="29"/>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>Le service des cartes à puce (pcscd) n&apos;est pas démarré.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="30"/>
        <source>There is no card in the reader.</source>
        <translation>Il n&apos;y a pas de carte dans le lecteur.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="31"/>
        <source>The card is blocked after three wrong PINs. Unblock it with its PUK code.</source>
        <translation>La carte est bloquée après trois codes porteur erronés. Débloquez-la avec son code PUK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="33"/>
        <source>The card&apos;s PIN is needed first.</source>
        <translation>Le code porteur de la carte doit d&apos;abord être saisi.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="34"/>
        <source>The PIN is made of 4 digits.</source>
        <translation>Le code porteur comporte 4 chiffres.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="35"/>
        <source>This card does not hold the expected data: is it a CPS or a Vitale card?</source>
        <translation>Cette carte ne contient pas les données attendues : est-ce bien une CPS ou une carte Vitale ?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="37"/>
        <source>The card answered with unreadable data. Try another reader or card.</source>
        <translation>La carte a répondu par des données illisibles. Essayez un autre lecteur ou une autre carte.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/messages.py" line="133"/>
        <source>Wrong PIN: %n try(ies) left.</source>
        <translation>
            <numerusform>Code porteur erroné : %n essai restant.</numerusform>
            <numerusform>Code porteur erroné : %n essais restants.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="140"/>
        <source>The card refused the operation (code %1).</source>
        <translation>La carte a refusé l&apos;opération (code %1).</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../desktop_app/demo.py" line="32"/>
        <source>CPS — general practitioner</source>
        <translation>CPS — médecin généraliste</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="33"/>
        <source>CPF — intern</source>
        <translation>CPF — interne</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="34"/>
        <source>CPE — secretary</source>
        <translation>CPE — secrétaire</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="35"/>
        <source>Carte Vitale — family</source>
        <translation>Carte Vitale — famille</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="36"/>
        <source>CPS — PIN blocked</source>
        <translation>CPS — code bloqué</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="37"/>
        <source>CPS — expired</source>
        <translation>CPS — expirée</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="62"/>
        <source>Slot %1</source>
        <translation>Fente %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="68"/>
        <source>Demo</source>
        <translation>Démonstration</translation>
    </message>
</context>
<context>
    <name>DemoReaderPanel</name>
    <message>
        <location filename="../../desktop_app/views/demo_panel.py" line="29"/>
        <source>Virtual reader (demo)</source>
        <translation>Lecteur virtuel (démonstration)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/demo_panel.py" line="35"/>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/demo_panel.py" line="36"/>
        <source>Pull</source>
        <translation>Retirer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/main_window.py" line="17"/>
        <source>Cabinet</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="20"/>
        <source>Connecting to the smart-card service…</source>
        <translation>Connexion au service des cartes à puce…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="26"/>
        <source>Smart-card service unavailable: reconnecting…</source>
        <translation>Service des cartes à puce indisponible : reconnexion…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="28"/>
        <source>Smart-card service ready</source>
        <translation>Service des cartes à puce prêt</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../desktop_app/messages.py" line="61"/>
        <source>Sign in with your card or your password.</source>
        <translation>Connectez-vous avec votre carte ou votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="62"/>
        <source>Your session has ended: sign in again.</source>
        <translation>Votre session est terminée : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="63"/>
        <source>Your session has expired: sign in again.</source>
        <translation>Votre session a expiré : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="64"/>
        <source>The holder has withdrawn the delegation to this CPE card: the session is closed.</source>
        <translation>Le titulaire a retiré sa délégation à cette carte CPE : la session est fermée.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="66"/>
        <source>This account is blocked (unused for six months, or reported): contact your health insurance fund.</source>
        <translation>Ce compte est bloqué (inutilisé depuis six mois ou signalé) : contactez votre caisse.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="69"/>
        <source>This card is linked to no account: ask your health insurance fund to register it.</source>
        <translation>Cette carte n&apos;est rattachée à aucun compte : faites-la enregistrer par votre caisse.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="71"/>
        <source>This card was not issued by a trusted authority.</source>
        <translation>Cette carte n&apos;est pas émise par une autorité de confiance.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="72"/>
        <source>This card&apos;s certificate is not valid today.</source>
        <translation>Le certificat de cette carte n&apos;est pas valide à ce jour.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="73"/>
        <source>This is not the card that opened the session.</source>
        <translation>Cette carte n&apos;est pas celle qui a ouvert la session.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="74"/>
        <source>Wrong identifier or password.</source>
        <translation>Identifiant ou mot de passe incorrect.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="75"/>
        <source>First sign-in or expired password: choose a new password.</source>
        <translation>Première connexion ou mot de passe expiré : choisissez un nouveau mot de passe.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="77"/>
        <source>A sign-in to this account was reported as not yours: signing in with the password is suspended. Sign in with your card and choose a new password, or ask your health insurance fund for a new first sign-in code.</source>
        <translation>Une connexion à ce compte a été signalée « ce n&apos;était pas moi » : la connexion par mot de passe est suspendue. Connectez-vous avec votre carte et choisissez un nouveau mot de passe, ou demandez à votre caisse un nouveau code de première connexion.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="81"/>
        <source>This password was used before: choose another one.</source>
        <translation>Ce mot de passe a déjà servi : choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="82"/>
        <source>An e-mail address cannot be used to sign in: type your health insurance (AM) number or your FINESS number.</source>
        <translation>L&apos;adresse e-mail ne peut pas servir d&apos;identifiant : saisissez votre numéro d&apos;assurance maladie (AM) ou votre numéro FINESS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="85"/>
        <source>This needs a session opened with your CPS card.</source>
        <translation>Il faut pour cela une session ouverte avec votre carte CPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="86"/>
        <source>Only the doctor, signed in with the CPS card, may do this.</source>
        <translation>Seul le médecin, connecté avec sa carte CPS, peut faire cela.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="87"/>
        <source>Your session does not give access to this function.</source>
        <translation>Votre session ne donne pas accès à cette fonction.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="88"/>
        <source>No doctor of the practice has delegated this function to you.</source>
        <translation>Aucun médecin du cabinet ne vous a délégué cette fonction.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="89"/>
        <source>This doctor has not delegated this function to you, or does not work in your practice.</source>
        <translation>Ce médecin ne vous a pas délégué cette fonction, ou n&apos;exerce pas dans votre cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="91"/>
        <source>Several doctors have delegated this function to you: choose the one you act for.</source>
        <translation>Plusieurs médecins vous ont délégué cette fonction : choisissez celui pour qui vous agissez.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="93"/>
        <source>The patient&apos;s consent is needed: ask for it first.</source>
        <translation>Le consentement du patient est requis : demandez-lui d&apos;abord son accord.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="94"/>
        <source>The patient&apos;s Vitale card is needed: insert it in the reader.</source>
        <translation>La carte Vitale du patient est requise : insérez-la dans le lecteur.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="95"/>
        <source>This Vitale card is not this patient&apos;s: insert the patient&apos;s own card.</source>
        <translation>Cette carte Vitale n&apos;est pas celle de ce patient : insérez sa propre carte Vitale.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="97"/>
        <source>No patient of your practice is registered under this NIR.</source>
        <translation>Aucun patient de votre cabinet n&apos;est enregistré sous ce NIR.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="98"/>
        <source>This order of forms does not exist.</source>
        <translation>Cette commande d&apos;imprimés n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="99"/>
        <source>This order has already been dispatched: it can no longer be changed.</source>
        <translation>Cette commande est déjà expédiée : elle ne peut plus être modifiée.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="101"/>
        <source>This order was cancelled: place a new one.</source>
        <translation>Cette commande est annulée : passez une nouvelle commande.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="102"/>
        <source>This conversation does not exist.</source>
        <translation>Cette conversation n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="103"/>
        <source>Your practice has too many unfinished uploads on the back office: this scan will be sent once they are done.</source>
        <translation>Votre cabinet a trop d&apos;envois commencés et non terminés : ce scan sera envoyé dès qu&apos;ils le seront.</translation>
    </message>
</context>
<context>
    <name>ReadersView</name>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="26"/>
        <source>Card readers</source>
        <translation>Lecteurs de cartes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="30"/>
        <source>Reader</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="30"/>
        <location filename="../../desktop_app/views/readers.py" line="100"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="33"/>
        <source>No card reader is connected.</source>
        <translation>Aucun lecteur de cartes n&apos;est branché.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="44"/>
        <location filename="../../desktop_app/views/readers.py" line="75"/>
        <source>Empty</source>
        <translation>Vide</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="70"/>
        <source>Unknown card (ATR %1)</source>
        <translation>Carte inconnue (ATR %1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="72"/>
        <source>Reading the card…</source>
        <translation>Lecture de la carte…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="78"/>
        <source>Smart-card service unavailable</source>
        <translation>Service des cartes à puce indisponible</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="93"/>
        <source>Health professional card (CPS)</source>
        <translation>Carte de professionnel de santé (CPS)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="94"/>
        <source>Card of a professional in training (CPF)</source>
        <translation>Carte de professionnel en formation (CPF)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="95"/>
        <source>Staff card (CPE)</source>
        <translation>Carte de personnel d&apos;établissement (CPE)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="97"/>
        <source>blocked</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="98"/>
        <source>%1 tries left</source>
        <translation>%1 essais restants</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="101"/>
        <source>National identifier</source>
        <translation>Identifiant national</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="102"/>
        <source>Card serial</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="103"/>
        <source>Valid</source>
        <translation>Validité</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="103"/>
        <source>from %1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="105"/>
        <source>PIN</source>
        <translation>Code porteur</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="108"/>
        <source>Employer</source>
        <translation>Employeur</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="117"/>
        <source>%1 (wrong key)</source>
        <translation>%1 (clé erronée)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="119"/>
        <source>born %1 — NIR %2</source>
        <translation>né(e) le %1 — NIR %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/views/readers.py" line="121"/>
        <source>Carte Vitale — %n person(s)</source>
        <translation>
            <numerusform>Carte Vitale — %n personne</numerusform>
            <numerusform>Carte Vitale — %n personnes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../desktop_app/messages.py" line="110"/>
        <source>The scan&apos;s file cannot be found on this computer: it cannot be sent. Scan the care sheet again and add it to the sending.</source>
        <translation>Le fichier du scan est introuvable sur ce poste : il ne peut pas être envoyé. Scannez de nouveau la feuille de soins et ajoutez-la à l&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="113"/>
        <source>No secure keyring is available: the encryption key is kept in %1, readable by this account only.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible : la clé de chiffrement est gardée dans %1, lisible par ce seul compte.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="116"/>
        <source>The system keyring does not answer (%2): the encryption key is kept in %1, readable by this account only.</source>
        <translation>Le trousseau du système ne répond pas (%2) : la clé de chiffrement est gardée dans %1, lisible par ce seul compte.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="119"/>
        <source>This action was saved by another version of Cabinet and cannot be sent: do it again.</source>
        <translation>Cette action a été enregistrée par une autre version de Cabinet et ne peut pas être envoyée : refaites-la.</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <location filename="../../desktop_app/messages.py" line="43"/>
        <source>The exchange with the back office failed.</source>
        <translation>L&apos;échange avec le service en ligne a échoué.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="44"/>
        <source>The back office cannot be reached: check the network. Your data stays available offline.</source>
        <translation>Le service en ligne est injoignable : vérifiez le réseau. Vos données restent consultables hors ligne.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="46"/>
        <source>The back office is unavailable for the moment: it will be tried again shortly.</source>
        <translation>Le service en ligne est momentanément indisponible : un nouvel essai sera fait sous peu.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="48"/>
        <source>Your session has ended: sign in again.</source>
        <translation>Votre session est terminée : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="49"/>
        <source>The back office refused the sign-in.</source>
        <translation>Le service en ligne a refusé la connexion.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="50"/>
        <source>Your session does not give access to this function.</source>
        <translation>Votre session ne donne pas accès à cette fonction.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="51"/>
        <source>The back office refused this request.</source>
        <translation>Le service en ligne a refusé cette demande.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="52"/>
        <source>The back office sent an answer that cannot be used. If this lasts, contact support.</source>
        <translation>Le service en ligne a envoyé une réponse inutilisable. Si cela persiste, contactez l&apos;assistance.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="55"/>
        <source>The back office is under maintenance until %1. Your data stays available offline.</source>
        <translation>Le service en ligne est en maintenance jusqu&apos;à %1. Vos données restent consultables hors ligne.</translation>
    </message>
</context>
</TS>
