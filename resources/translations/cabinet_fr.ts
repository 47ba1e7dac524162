<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
    <context>
        <name>ActionsView</name>
        <message>
            <source>Waiting to be sent: kept on this workstation, sent as soon as the back office can be reached.</source>
            <translation>En attente d'envoi : gardé sur ce poste, envoyé dès que l'Assurance Maladie est joignable.</translation>
        </message>
        <message>
            <source>Sent.</source>
            <translation>Envoyé.</translation>
        </message>
        <message>
            <source>Refused by the health insurance:</source>
            <translation>Refusé par l'Assurance Maladie :</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>J'ai compris</translation>
        </message>
        <message>
            <source>Dismiss: %1</source>
            <translation>J'ai compris : %1</translation>
        </message>
    </context>
    <context>
        <name>ActivityView</name>
        <message>
            <source>Activity</source>
            <translation>Activité</translation>
        </message>
        <message>
            <source>Acts per month</source>
            <translation>Actes par mois</translation>
        </message>
        <message>
            <source>Fees and patients per month</source>
            <translation>Honoraires et patients par mois</translation>
        </message>
        <message>
            <source>Public health objectives (ROSP)</source>
            <translation>Objectifs de santé publique (ROSP)</translation>
        </message>
        <message>
            <source>OPTAM</source>
            <translation>OPTAM</translation>
        </message>
        <message>
            <source>Reading your activity…</source>
            <translation>Lecture de votre activité…</translation>
        </message>
        <message>
            <source>Your activity figures have not reached this workstation yet: they will appear here after the next synchronization with the health insurance.</source>
            <translation>Vos chiffres d'activité ne sont pas encore arrivés sur ce poste : ils s'afficheront ici après la prochaine synchronisation avec l'Assurance Maladie.</translation>
        </message>
        <message numerus="yes">
            <source>Your last %n month(s) as the health insurance counts them, on %1: %2 acts, %3 in fees.</source>
            <translation>
                <numerusform>Votre dernier mois selon l'Assurance Maladie, au %1 : %2 actes, %3 d'honoraires.</numerusform>
                <numerusform>Vos %n derniers mois selon l'Assurance Maladie, au %1 : %2 actes, %3 d'honoraires.</numerusform>
            </translation>
        </message>
        <message>
            <source>No ROSP indicator has been computed for you yet.</source>
            <translation>Aucun indicateur ROSP n'a encore été calculé pour vous.</translation>
        </message>
        <message>
            <source>Your activity could not be read on this workstation. If this happens again, export a diagnostic from Diagnostics for support.</source>
            <translation>Votre activité n'a pas pu être lue sur ce poste. Si cela se reproduit, exportez un diagnostic depuis Diagnostic pour l'assistance.</translation>
        </message>
        <message>
            <source>acts</source>
            <translation>actes</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Mois</translation>
        </message>
        <message>
            <source>Fees (€)</source>
            <translation>Honoraires (€)</translation>
        </message>
        <message>
            <source>euros</source>
            <translation>euros</translation>
        </message>
        <message>
            <source>Fees of the acts billed, rejected invoices excluded.</source>
            <translation>Honoraires des actes facturés, factures rejetées exclues.</translation>
        </message>
        <message>
            <source>Fees</source>
            <translation>Honoraires</translation>
        </message>
        <message>
            <source>Patients seen</source>
            <translation>Patients vus</translation>
        </message>
        <message>
            <source>Share in tiers payant</source>
            <translation>Part en tiers payant</translation>
        </message>
        <message>
            <source>Patients (médecin traitant)</source>
            <translation>Patients (médecin traitant)</translation>
        </message>
        <message>
            <source>(in progress)</source>
            <translation>(en cours)</translation>
        </message>
        <message>
            <source>%1 is not over: its figures grow until the month ends.</source>
            <translation>%1 n'est pas terminé : ses chiffres augmentent jusqu'à la fin du mois.</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>Objectif</translation>
        </message>
        <message>
            <source>Objectives reached in %1: %2 of %3.</source>
            <translation>Objectifs atteints en %1 : %2 sur %3.</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>Indicateur</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>Atteint</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>at least %1</source>
            <translation>au moins %1</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>au plus %1</translation>
        </message>
        <message>
            <source>OPTAM concerns sector 2 doctors: it does not apply to you.</source>
            <translation>L'OPTAM concerne les médecins de secteur 2 : il ne s'applique pas à vous.</translation>
        </message>
        <message>
            <source>You have not joined OPTAM.</source>
            <translation>Vous n'avez pas adhéré à l'OPTAM.</translation>
        </message>
        <message>
            <source>No OPTAM indicator has been computed for you yet.</source>
            <translation>Aucun indicateur OPTAM n'a encore été calculé pour vous.</translation>
        </message>
        <message>
            <source>Member since %1.</source>
            <translation>Adhérent depuis le %1.</translation>
        </message>
    </context>
    <context>
        <name>AldModel</name>
        <message>
            <source>today</source>
            <translation>aujourd'hui</translation>
        </message>
        <message>
            <source>tomorrow</source>
            <translation>demain</translation>
        </message>
        <message numerus="yes">
            <source>ended %n day(s) ago</source>
            <translation>
                <numerusform>terminée depuis %n jour</numerusform>
                <numerusform>terminée depuis %n jours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>dans %n jour</numerusform>
                <numerusform>dans %n jours</numerusform>
            </translation>
        </message>
        <message>
            <source>Ended on %1: send the renewal protocole de soins without delay, the patient pays the co-payment meanwhile.</source>
            <translation>Terminée le %1 : envoyez sans attendre le protocole de soins de renouvellement ; d'ici là, le ticket modérateur est à la charge du patient.</translation>
        </message>
        <message>
            <source>Write the protocole de soins for the argued renewal before %1.</source>
            <translation>Rédigez le protocole de soins du renouvellement argumenté avant le %1.</translation>
        </message>
        <message>
            <source>Ends on</source>
            <translation>Fin le</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>ALD</source>
            <translation>ALD</translation>
        </message>
        <message>
            <source>To do</source>
            <translation>À faire</translation>
        </message>
        <message>
            <source>born %1</source>
            <translation>né(e) le %1</translation>
        </message>
        <message>
            <source>ALD %1 — %2</source>
            <translation>ALD %1 — %2</translation>
        </message>
    </context>
    <context>
        <name>AldView</name>
        <message>
            <source>ALD renewals</source>
            <translation>Renouvellements d'ALD</translation>
        </message>
        <message>
            <source>Your patients whose ALD exemption ends within 3 months and is not renewed automatically. Write the protocole de soins for the argued renewal before the end date, so that their cover does not break.</source>
            <translation>Vos patients dont l'exonération ALD prend fin dans les 3 mois et n'est pas renouvelée automatiquement. Rédigez le protocole de soins du renouvellement argumenté avant la date de fin, pour que leur prise en charge ne s'interrompe pas.</translation>
        </message>
        <message>
            <source>ALD renewals due</source>
            <translation>Renouvellements d'ALD à faire</translation>
        </message>
        <message>
            <source>No ALD renewal due within 3 months.</source>
            <translation>Aucun renouvellement d'ALD à faire dans les 3 mois.</translation>
        </message>
        <message numerus="yes">
            <source>%n renewal(s) due within 3 months</source>
            <translation>
                <numerusform>%n renouvellement à faire dans les 3 mois</numerusform>
                <numerusform>%n renouvellements à faire dans les 3 mois</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n within a month</source>
            <translation>
                <numerusform>%n dans le mois</numerusform>
                <numerusform>%n dans le mois</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BannerView</name>
        <message>
            <source>Try again now</source>
            <translation>Réessayer maintenant</translation>
        </message>
        <message>
            <source>%1. Cabinet catches up by itself as soon as the service is back.</source>
            <translation>%1. Cabinet se met à jour de lui-même dès le retour du service.</translation>
        </message>
        <message>
            <source>Cabinet catches up by itself as soon as the service is back.</source>
            <translation>Cabinet se met à jour de lui-même dès le retour du service.</translation>
        </message>
        <message>
            <source>Offline: %1</source>
            <translation>Hors ligne : %1</translation>
        </message>
        <message>
            <source>Offline: no data on this workstation yet</source>
            <translation>Hors ligne : aucune donnée sur ce poste pour l'instant</translation>
        </message>
        <message>
            <source>The back office cannot be reached. Everything stays available on this workstation; Cabinet catches up by itself as soon as the connection is back.</source>
            <translation>Le service ne répond pas. Tout reste consultable sur ce poste ; Cabinet se met à jour de lui-même dès le retour de la connexion.</translation>
        </message>
        <message>
            <source>The service is under maintenance: your data remain available.</source>
            <translation>Le service est en maintenance : vos données restent consultables.</translation>
        </message>
        <message>
            <source>The service is under maintenance until %1: your data remain available.</source>
            <translation>Le service est en maintenance jusqu'à %1 : vos données restent consultables.</translation>
        </message>
        <message>
            <source>The service is under maintenance until %1 at %2: your data remain available.</source>
            <translation>Le service est en maintenance jusqu'au %1 à %2 : vos données restent consultables.</translation>
        </message>
    </context>
    <context>
        <name>BlockedCardDialog</name>
        <message>
            <source>Card blocked</source>
            <translation>Carte bloquée</translation>
        </message>
        <message>
            <source>Three wrong PINs in a row have blocked this card.</source>
            <translation>Trois codes porteur faux à la suite ont bloqué cette carte.</translation>
        </message>
        <message>
            <source>It cannot be unblocked here: contact the ANS (Agence du numérique en santé) to have it unblocked or replaced.</source>
            <translation>Elle ne peut pas être débloquée ici : contactez l'ANS (Agence du numérique en santé) pour la faire débloquer ou remplacer.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Type the unblocking code (PUK) sent with your card, then choose a new PIN.</source>
            <translation>Saisissez le code de déblocage reçu avec votre carte, puis choisissez un nouveau code porteur.</translation>
        </message>
        <message>
            <source>Unblocking code (PUK)</source>
            <translation>Code de déblocage (PUK)</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>Nouveau code porteur</translation>
        </message>
        <message>
            <source>New PIN again</source>
            <translation>Confirmez le nouveau code porteur</translation>
        </message>
        <message>
            <source>The two new PINs differ.</source>
            <translation>Les deux codes saisis ne sont pas identiques.</translation>
        </message>
        <message>
            <source>Unblock the card</source>
            <translation>Débloquer la carte</translation>
        </message>
    </context>
    <context>
        <name>CardErrors</name>
        <message>
            <source>The card was removed before it could be read.</source>
            <translation>La carte a été retirée avant d'avoir pu être lue.</translation>
        </message>
        <message>
            <source>The card reader was disconnected.</source>
            <translation>Le lecteur de cartes a été débranché.</translation>
        </message>
        <message>
            <source>The smart-card service (pcscd) is not running.</source>
            <translation>Le service des cartes à puce (pcscd) n'est pas démarré.</translation>
        </message>
        <message>
            <source>There is no card in the reader.</source>
            <translation>Il n'y a pas de carte dans le lecteur.</translation>
        </message>
        <message>
            <source>The card is blocked after three wrong PINs. Unblock it with its PUK code.</source>
            <translation>La carte est bloquée après trois codes porteur erronés. Débloquez-la avec son code PUK.</translation>
        </message>
        <message>
            <source>The card's PIN is needed first.</source>
            <translation>Le code porteur de la carte doit d'abord être saisi.</translation>
        </message>
        <message>
            <source>The PIN is made of 4 digits.</source>
            <translation>Le code porteur comporte 4 chiffres.</translation>
        </message>
        <message>
            <source>PIN entry was cancelled on the reader.</source>
            <translation>La saisie du code porteur a été annulée sur le lecteur.</translation>
        </message>
        <message>
            <source>The PIN was not typed on the reader in time. Try again.</source>
            <translation>Le code porteur n'a pas été saisi à temps sur le lecteur. Recommencez.</translation>
        </message>
        <message>
            <source>This card does not hold the expected data: is it a CPS or a Vitale card?</source>
            <translation>Cette carte ne contient pas les données attendues : est-ce bien une CPS ou une carte Vitale ?</translation>
        </message>
        <message>
            <source>The card answered with unreadable data. Try another reader or card.</source>
            <translation>La carte a répondu par des données illisibles. Essayez un autre lecteur ou une autre carte.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN: %n try(ies) left.</source>
            <translation>
                <numerusform>Code porteur erroné : %n essai restant.</numerusform>
                <numerusform>Code porteur erroné : %n essais restants.</numerusform>
            </translation>
        </message>
        <message>
            <source>The card refused the operation (code %1).</source>
            <translation>La carte a refusé l'opération (code %1).</translation>
        </message>
    </context>
    <context>
        <name>CardKinds</name>
        <message>
            <source>CPS card</source>
            <translation>Carte CPS</translation>
        </message>
        <message>
            <source>CPF card</source>
            <translation>Carte CPF</translation>
        </message>
        <message>
            <source>CPE card</source>
            <translation>Carte CPE</translation>
        </message>
    </context>
    <context>
        <name>CardProblemPanel</name>
        <message>
            <source>Card problem</source>
            <translation>Problème de carte</translation>
        </message>
        <message>
            <source>This card expired on %1.</source>
            <translation>Cette carte a expiré le %1.</translation>
        </message>
        <message>
            <source>This card has expired.</source>
            <translation>Cette carte a expiré.</translation>
        </message>
        <message>
            <source>Use your new card, or sign in without a card.</source>
            <translation>Utilisez votre nouvelle carte, ou connectez-vous sans carte.</translation>
        </message>
        <message>
            <source>This card is not a health professional's card.</source>
            <translation>Cette carte n'est pas une carte de professionnel de santé.</translation>
        </message>
        <message>
            <source>Take it out and insert your CPS, CPF or CPE card.</source>
            <translation>Retirez-la et insérez votre carte CPS, CPF ou CPE.</translation>
        </message>
        <message>
            <source>The card could not be read.</source>
            <translation>La carte n'a pas pu être lue.</translation>
        </message>
        <message>
            <source>Take the card out and insert it again; if this happens again, try another reader.</source>
            <translation>Retirez la carte et insérez-la de nouveau ; si cela se reproduit, essayez un autre lecteur.</translation>
        </message>
    </context>
    <context>
        <name>ContactPresenter</name>
        <message>
            <source>Message « %1 »</source>
            <translation>Message « %1 »</translation>
        </message>
        <message>
            <source>Reply in « %1 »</source>
            <translation>Réponse dans « %1 »</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>The message could not be saved on this workstation: try again.</source>
            <translation>Le message n'a pas pu être enregistré sur ce poste : réessayez.</translation>
        </message>
        <message>
            <source>Your message is kept on this workstation and sent to your fund.</source>
            <translation>Votre message est gardé sur ce poste et envoyé à votre caisse.</translation>
        </message>
    </context>
    <context>
        <name>ContactView</name>
        <message>
            <source>Give your message a subject.</source>
            <translation>Indiquez l'objet de votre message.</translation>
        </message>
        <message>
            <source>The subject is too long: 200 characters at most.</source>
            <translation>L'objet est trop long : 200 caractères au plus.</translation>
        </message>
        <message>
            <source>Write your message before sending it.</source>
            <translation>Écrivez votre message avant de l'envoyer.</translation>
        </message>
        <message>
            <source>The message is too long: 5,000 characters at most.</source>
            <translation>Le message est trop long : 5 000 caractères au plus.</translation>
        </message>
        <message>
            <source>Answer expected since %1</source>
            <translation>Réponse attendue depuis le %1</translation>
        </message>
        <message>
            <source>Answer expected by %1</source>
            <translation>Réponse attendue d'ici le %1</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Contact</translation>
        </message>
        <message>
            <source>Write to your health insurance fund. It answers within three working days; its answers appear here.</source>
            <translation>Écrivez à votre caisse d'assurance maladie. Elle répond sous trois jours ouvrés ; ses réponses s'affichent ici.</translation>
        </message>
        <message>
            <source>New message</source>
            <translation>Nouveau message</translation>
        </message>
        <message>
            <source>Your conversations with the fund</source>
            <translation>Vos échanges avec la caisse</translation>
        </message>
        <message>
            <source>No conversation yet: write to your fund with « New message ».</source>
            <translation>Aucun échange pour l'instant : écrivez à votre caisse avec « Nouveau message ».</translation>
        </message>
        <message>
            <source>Conversations</source>
            <translation>Échanges</translation>
        </message>
        <message>
            <source>Choose a conversation to read it, or write a new message.</source>
            <translation>Choisissez un échange pour le lire, ou écrivez un nouveau message.</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>En attente d'envoi</translation>
        </message>
        <message>
            <source>Answered</source>
            <translation>Répondu</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Clos</translation>
        </message>
        <message>
            <source>Answer by %1</source>
            <translation>Réponse d'ici le %1</translation>
        </message>
        <message>
            <source>Awaiting an answer</source>
            <translation>En attente de réponse</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Your reply</source>
            <translation>Votre réponse</translation>
        </message>
        <message>
            <source>Send the reply</source>
            <translation>Envoyer la réponse</translation>
        </message>
        <message>
            <source>New message to your fund</source>
            <translation>Nouveau message à votre caisse</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>Your message</source>
            <translation>Votre message</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Abandonner</translation>
        </message>
        <message>
            <source>The fund answers within three working days; you will see the date once the message is sent.</source>
            <translation>La caisse répond sous trois jours ouvrés ; la date vous sera indiquée une fois le message envoyé.</translation>
        </message>
        <message>
            <source>The fund answered.</source>
            <translation>La caisse a répondu.</translation>
        </message>
        <message>
            <source>This conversation is closed: write a new message for another question.</source>
            <translation>Cet échange est clos : écrivez un nouveau message pour une autre question.</translation>
        </message>
        <message>
            <source>Waiting to be sent: the date of the answer is given once it is sent.</source>
            <translation>En attente d'envoi : la date de réponse sera indiquée une fois le message envoyé.</translation>
        </message>
        <message>
            <source>You can reply once the message is sent.</source>
            <translation>Vous pourrez répondre une fois le message envoyé.</translation>
        </message>
        <message>
            <source>waiting to be sent</source>
            <translation>en attente d'envoi</translation>
        </message>
    </context>
    <context>
        <name>Delegations</name>
        <message>
            <source>Medical data (patients' situations, ALD, activity) can never be delegated.</source>
            <translation>Les données médicales (situation des patients, ALD, activité) ne peuvent jamais être déléguées.</translation>
        </message>
    </context>
    <context>
        <name>DelegationsView</name>
        <message>
            <source>No secretary's CPE card is linked to your account.</source>
            <translation>Aucune carte CPE de secrétaire n'est liée à votre compte.</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Save the delegations</source>
            <translation>Enregistrer les délégations</translation>
        </message>
        <message>
            <source>Saving</source>
            <translation>Enregistrement</translation>
        </message>
        <message>
            <source>Delegations</source>
            <translation>Délégations</translation>
        </message>
        <message>
            <source>Choose what each secretary may see and do with her CPE card. A change reaches her open session at once.</source>
            <translation>Choisissez ce que chaque secrétaire peut voir et faire avec sa carte CPE. Un changement s'applique aussitôt à sa session ouverte.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Enregistré.</translation>
        </message>
        <message>
            <source>CPE card %1</source>
            <translation>Carte CPE %1</translation>
        </message>
        <message>
            <source>%1 for the %2</source>
            <translation>%1 pour la %2</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <source>CPS — Dr %1, general practitioner</source>
            <translation>CPS — Dr %1, médecin généraliste</translation>
        </message>
        <message>
            <source>CPS — Dr %1, her partner</source>
            <translation>CPS — Dr %1, son associé</translation>
        </message>
        <message>
            <source>CPE — %1, secretary</source>
            <translation>CPE — %1, secrétaire</translation>
        </message>
        <message>
            <source>CPS — Dr %1, PIN blocked</source>
            <translation>CPS — Dr %1, code porteur bloqué</translation>
        </message>
        <message>
            <source>CPS — Dr %1, expired</source>
            <translation>CPS — Dr %1, expirée</translation>
        </message>
        <message>
            <source>Carte Vitale — %1 and her children</source>
            <translation>Carte Vitale — %1 et ses enfants</translation>
        </message>
        <message>
            <source>Carte Vitale — %1</source>
            <translation>Carte Vitale — %1</translation>
        </message>
        <message>
            <source>Carte Vitale — %1 and her family</source>
            <translation>Carte Vitale — %1 et sa famille</translation>
        </message>
        <message>
            <source>No code: a carte Vitale has none.</source>
            <translation>Sans code : la carte Vitale n'en a pas.</translation>
        </message>
        <message>
            <source>PIN blocked: unblock it with the PUK %1, then choose a new PIN.</source>
            <translation>Code porteur bloqué : débloquez-le avec le code de déblocage (PUK) %1, puis choisissez un nouveau code porteur.</translation>
        </message>
        <message>
            <source>Expired: the window says so and does not ask for the PIN.</source>
            <translation>Carte expirée : Cabinet l'indique et ne demande pas le code porteur.</translation>
        </message>
        <message>
            <source>PIN %1 (unblocking code, PUK: %2)</source>
            <translation>Code porteur %1 (code de déblocage, PUK : %2)</translation>
        </message>
        <message>
            <source>Slot %1</source>
            <translation>Fente %1</translation>
        </message>
        <message>
            <source>Insert the CPS in slot 1 and type 1234: the session opens. Pull the card: the window locks at once. Insert the CPE or the other CPS: another person signs in.</source>
            <translation>Insérez la CPS dans la fente 1 et saisissez 1234 : la session s'ouvre. Retirez la carte : Cabinet se verrouille aussitôt. Insérez la CPE ou l'autre CPS : une autre personne se connecte.</translation>
        </message>
        <message>
            <source>Card drawer</source>
            <translation>Tiroir à cartes</translation>
        </message>
    </context>
    <context>
        <name>DemoReaderPanel</name>
        <message>
            <source>Card drawer (demo)</source>
            <translation>Tiroir à cartes (démonstration)</translation>
        </message>
        <message>
            <source>%1: card to insert</source>
            <translation>%1 : carte à insérer</translation>
        </message>
        <message>
            <source>Insert</source>
            <translation>Insérer</translation>
        </message>
        <message>
            <source>%1: insert the card</source>
            <translation>%1 : insérer la carte</translation>
        </message>
        <message>
            <source>Pull</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>%1: pull the card</source>
            <translation>%1 : retirer la carte</translation>
        </message>
        <message>
            <source>Empty</source>
            <translation>Fente vide</translation>
        </message>
        <message>
            <source>%1: content</source>
            <translation>%1 : contenu</translation>
        </message>
        <message>
            <source>In the slot: %1</source>
            <translation>Dans la fente : %1</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticsPresenter</name>
        <message>
            <source>Export a diagnostic</source>
            <translation>Exporter un diagnostic</translation>
        </message>
        <message>
            <source>Zip archives (*.zip)</source>
            <translation>Archives zip (*.zip)</translation>
        </message>
        <message>
            <source>Diagnostic saved in %1</source>
            <translation>Diagnostic enregistré dans %1</translation>
        </message>
        <message>
            <source>an unexpected error, written in Cabinet's log</source>
            <translation>une erreur inattendue, notée dans le journal de Cabinet</translation>
        </message>
        <message>
            <source>The diagnostic could not be saved: %1</source>
            <translation>Le diagnostic n'a pas pu être enregistré : %1</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticsView</name>
        <message>
            <source>Item</source>
            <translation>Élément</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Comes from</source>
            <translation>Provenance</translation>
        </message>
        <message>
            <source>Facts for support</source>
            <translation>Informations pour l'assistance</translation>
        </message>
        <message>
            <source>Export a diagnostic…</source>
            <translation>Exporter un diagnostic…</translation>
        </message>
        <message>
            <source>Export a diagnostic for support</source>
            <translation>Exporter un diagnostic pour l'assistance</translation>
        </message>
        <message>
            <source>The archive holds Cabinet's logs and these facts, without any PIN, NIR, name or connection token: you can send it to your support.</source>
            <translation>L'archive contient le journal de Cabinet et ces informations, sans code PIN, NIR, nom ni jeton de connexion : vous pouvez l'envoyer à votre assistance.</translation>
        </message>
        <message>
            <source>This workstation</source>
            <translation>Ce poste</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>Versions</translation>
        </message>
        <message>
            <source>Operating system</source>
            <translation>Système d'exploitation</translation>
        </message>
        <message>
            <source>Encryption key</source>
            <translation>Clé de chiffrement</translation>
        </message>
        <message>
            <source>Keyring</source>
            <translation>Trousseau de clés</translation>
        </message>
        <message>
            <source>Smart-card service (pcscd)</source>
            <translation>Service des cartes à puce (pcscd)</translation>
        </message>
        <message>
            <source>Not available</source>
            <translation>Indisponible</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message numerus="yes">
            <source>Running — %n reader(s)</source>
            <translation>
                <numerusform>En marche — %n lecteur</numerusform>
                <numerusform>En marche — %n lecteurs</numerusform>
            </translation>
        </message>
        <message>
            <source>Empty</source>
            <translation>Vide</translation>
        </message>
        <message>
            <source>Mute card</source>
            <translation>Carte muette</translation>
        </message>
        <message>
            <source>ATR %1</source>
            <translation>ATR %1</translation>
        </message>
        <message>
            <source>Reachable — %1 ms</source>
            <translation>Joignable — %1 ms</translation>
        </message>
        <message>
            <source>Answers with an error (HTTP %1)</source>
            <translation>Répond en erreur (HTTP %1)</translation>
        </message>
        <message>
            <source>Not reachable</source>
            <translation>Injoignable</translation>
        </message>
        <message>
            <source>Back office</source>
            <translation>Service de l'Assurance Maladie</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Cause</translation>
        </message>
        <message>
            <source>Data on this workstation</source>
            <translation>Données sur ce poste</translation>
        </message>
        <message>
            <source>Store size</source>
            <translation>Taille de la base locale</translation>
        </message>
        <message>
            <source>Scanned documents</source>
            <translation>Documents numérisés</translation>
        </message>
        <message>
            <source>Up to date %1</source>
            <translation>À jour %1</translation>
        </message>
        <message>
            <source>Never synchronized</source>
            <translation>Jamais synchronisé</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Réglages</translation>
        </message>
        <message>
            <source>default</source>
            <translation>par défaut</translation>
        </message>
        <message>
            <source>environment (CABINET_%1)</source>
            <translation>environnement (CABINET_%1)</translation>
        </message>
        <message>
            <source>command line</source>
            <translation>ligne de commande</translation>
        </message>
        <message>
            <source>%1 — locked by the machine's settings</source>
            <translation>%1 — verrouillé par les réglages du poste</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(aucun)</translation>
        </message>
        <message>
            <source>Writing the diagnostic…</source>
            <translation>Écriture du diagnostic…</translation>
        </message>
    </context>
    <context>
        <name>DocumentFlows</name>
        <message>
            <source>Scanned here</source>
            <translation>Numérisé sur ce poste</translation>
        </message>
        <message numerus="yes">
            <source>« %1 », %n page(s).</source>
            <translation>
                <numerusform>« %1 », %n page.</numerusform>
                <numerusform>« %1 », %n pages.</numerusform>
            </translation>
        </message>
        <message>
            <source>Which invoice does this document justify? %1</source>
            <translation>Quelle facture ce document justifie-t-il ? %1</translation>
        </message>
        <message>
            <source>The invoices awaiting their care sheet could not be read.</source>
            <translation>Les factures en attente de leur feuille de soins n'ont pas pu être lues.</translation>
        </message>
        <message>
            <source>This document cannot be linked to that invoice: choose another one.</source>
            <translation>Ce document ne peut pas être lié à cette facture : choisissez-en une autre.</translation>
        </message>
        <message>
            <source>The pages could not be read.</source>
            <translation>Les pages n'ont pas pu être lues.</translation>
        </message>
        <message>
            <source>The pages could not be saved.</source>
            <translation>Les pages n'ont pas pu être enregistrées.</translation>
        </message>
        <message>
            <source>No scanner driver (SANE) is installed on this workstation.</source>
            <translation>Aucun pilote de scanner (SANE) n'est installé sur ce poste.</translation>
        </message>
        <message>
            <source>The feeder is empty: put the care sheets in it, or choose the glass.</source>
            <translation>Le chargeur est vide : mettez-y les feuilles de soins, ou choisissez la vitre.</translation>
        </message>
        <message>
            <source>This scanner has no feeder: choose the glass.</source>
            <translation>Ce scanner n'a pas de chargeur : choisissez la vitre.</translation>
        </message>
        <message>
            <source>The paper is jammed in the feeder: take it out, then scan again.</source>
            <translation>Le papier est coincé dans le chargeur : retirez-le, puis numérisez de nouveau.</translation>
        </message>
        <message>
            <source>The scanner's cover is open: close it, then scan again.</source>
            <translation>Le capot du scanner est ouvert : fermez-le, puis numérisez de nouveau.</translation>
        </message>
        <message>
            <source>The scanner is busy with another job: try again in a moment.</source>
            <translation>Le scanner est occupé par un autre travail : réessayez dans un instant.</translation>
        </message>
        <message>
            <source>The scan was stopped.</source>
            <translation>La numérisation a été arrêtée.</translation>
        </message>
        <message>
            <source>The scan failed.</source>
            <translation>La numérisation a échoué.</translation>
        </message>
        <message>
            <source>The scanner did not answer (%1): check that it is on, with paper, then try again.</source>
            <translation>Le scanner n'a pas répondu (%1) : vérifiez qu'il est allumé et qu'il a du papier, puis recommencez.</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) scanned: the draft is in the list.</source>
            <translation>
                <numerusform>%n page numérisée : le brouillon est dans la liste.</numerusform>
                <numerusform>%n pages numérisées : le brouillon est dans la liste.</numerusform>
            </translation>
        </message>
        <message>
            <source>No page was scanned: is there paper in the feeder?</source>
            <translation>Aucune page numérisée : y a-t-il du papier dans le chargeur ?</translation>
        </message>
    </context>
    <context>
        <name>DocumentsModel</name>
        <message>
            <source>Sending</source>
            <translation>Envoi en cours</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Accepté</translation>
        </message>
        <message>
            <source>Refused by the health insurance, without a reason given.</source>
            <translation>Refusé par l'Assurance Maladie, sans motif indiqué.</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Batch / invoice</source>
            <translation>Lot / facture</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>Pages</translation>
        </message>
        <message>
            <source>Checks</source>
            <translation>Contrôles</translation>
        </message>
        <message>
            <source>nearly white</source>
            <translation>presque blanche</translation>
        </message>
        <message>
            <source>nearly black</source>
            <translation>presque noire</translation>
        </message>
        <message>
            <source>low contrast</source>
            <translation>peu contrastée</translation>
        </message>
        <message>
            <source>cut or shifted</source>
            <translation>coupée ou décalée</translation>
        </message>
        <message>
            <source>Sending %1 %</source>
            <translation>Envoi en cours %1 %</translation>
        </message>
        <message>
            <source>Refused: %1</source>
            <translation>Refusé : %1</translation>
        </message>
        <message>
            <source>To send on paper: %1</source>
            <translation>À envoyer sur papier : %1</translation>
        </message>
        <message>
            <source>To send on paper</source>
            <translation>À envoyer sur papier</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Prêt</translation>
        </message>
        <message>
            <source>Waiting for the batch's acknowledgement</source>
            <translation>Attente de l'ARL</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyé</translation>
        </message>
        <message>
            <source>File lost</source>
            <translation>Fichier perdu</translation>
        </message>
        <message>
            <source>Purged</source>
            <translation>Purgé</translation>
        </message>
        <message>
            <source>Page %1: %2</source>
            <translation>Page %1 : %2</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) to check</source>
            <translation>
                <numerusform>%n page à vérifier</numerusform>
                <numerusform>%n pages à vérifier</numerusform>
            </translation>
        </message>
        <message>
            <source>Scanned here</source>
            <translation>Numérisé sur ce poste</translation>
        </message>
        <message>
            <source>To link</source>
            <translation>À lier</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Ajouté</translation>
        </message>
    </context>
    <context>
        <name>DocumentsPresenter</name>
        <message>
            <source>The folder cannot be reached (a network share not connected?): it is looked at again every 2 seconds.</source>
            <translation>Le dossier est inaccessible (partage réseau déconnecté ?) : il est de nouveau consulté toutes les 2 secondes.</translation>
        </message>
        <message numerus="yes">
            <source>%n document(s) added as draft(s): link each one to its invoice.</source>
            <translation>
                <numerusform>%n document ajouté en brouillon : liez-le à sa facture.</numerusform>
                <numerusform>%n documents ajoutés en brouillon : liez chacun à sa facture.</numerusform>
            </translation>
        </message>
        <message>
            <source>« %1 » not taken: %2</source>
            <translation>« %1 » non pris : %2</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) already in the list.</source>
            <translation>
                <numerusform>%n fichier déjà dans la liste.</numerusform>
                <numerusform>%n fichiers déjà dans la liste.</numerusform>
            </translation>
        </message>
        <message>
            <source>« %1 » cannot be read: check that it is still there.</source>
            <translation>« %1 » est illisible : vérifiez qu'il est toujours là.</translation>
        </message>
        <message>
            <source>No file to import.</source>
            <translation>Aucun fichier à importer.</translation>
        </message>
        <message>
            <source>Importing files is not available on this workstation.</source>
            <translation>L'import de fichiers n'est pas disponible sur ce poste.</translation>
        </message>
        <message>
            <source>The watched folder's journal cannot be read: the folder is not watched until it is repaired (see Diagnostics).</source>
            <translation>Le journal du dossier surveillé est illisible : le dossier n'est plus surveillé tant qu'il n'est pas réparé (voir Diagnostic).</translation>
        </message>
        <message>
            <source>The files could not be imported.</source>
            <translation>Les fichiers n'ont pas pu être importés.</translation>
        </message>
        <message>
            <source>The watched folder could not be read: it is tried again in a moment.</source>
            <translation>Le dossier surveillé n'a pas pu être lu : nouvel essai dans un instant.</translation>
        </message>
        <message>
            <source>The watched folder is no longer watched: lock and sign in again to start again.</source>
            <translation>Le dossier n'est plus surveillé : verrouillez puis reconnectez-vous pour relancer la surveillance.</translation>
        </message>
        <message>
            <source>The document could not be marked ready: check its invoice.</source>
            <translation>Le document n'a pas pu être marqué prêt : vérifiez sa facture.</translation>
        </message>
        <message>
            <source>The document could not be copied.</source>
            <translation>Le document n'a pas pu être copié.</translation>
        </message>
        <message>
            <source>The draft could not be deleted.</source>
            <translation>Le brouillon n'a pas pu être supprimé.</translation>
        </message>
    </context>
    <context>
        <name>DocumentsView</name>
        <message>
            <source>The care sheets of invoices sent without the carte Vitale: scan them, import them or drop them here, link each one to its invoice, and they leave by themselves once the batch is acknowledged. They are kept here, encrypted, 33 months.</source>
            <translation>Les feuilles de soins des factures envoyées sans carte Vitale : numérisez-les, importez-les ou déposez-les ici, liez chacune à sa facture, et elles partent d'elles-mêmes après l'ARL du lot. Elles sont gardées ici, chiffrées, 33 mois.</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>File d'attente</translation>
        </message>
        <message>
            <source>Quarantine</source>
            <translation>Quarantaine</translation>
        </message>
        <message>
            <source>Import files…</source>
            <translation>Importer des fichiers…</translation>
        </message>
        <message>
            <source>PDF, JPEG, PNG or TIFF files; you can also drop them on this page.</source>
            <translation>Fichiers PDF, JPEG, PNG ou TIFF ; vous pouvez aussi les déposer sur cette page.</translation>
        </message>
        <message>
            <source>Scan…</source>
            <translation>Numériser…</translation>
        </message>
        <message>
            <source>Sending progress</source>
            <translation>Avancement de l'envoi</translation>
        </message>
        <message>
            <source>No document yet. Import the scans of the care sheets, drop them here, or scan them: each becomes a draft to link to its invoice.</source>
            <translation>Aucun document pour l'instant. Importez les feuilles de soins numérisées, déposez-les ici ou numérisez-les : chacune devient un brouillon à lier à sa facture.</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Reason of the selected document</source>
            <translation>Motif du document choisi</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>See the pages: turn, reorder, delete, split or merge them.</source>
            <translation>Voir les pages : les tourner, les réordonner, les supprimer, les séparer ou les regrouper.</translation>
        </message>
        <message>
            <source>Link to an invoice</source>
            <translation>Lier à une facture</translation>
        </message>
        <message>
            <source>Ready to send</source>
            <translation>Prêt à envoyer</translation>
        </message>
        <message>
            <source>It leaves once its batch is acknowledged by the fund.</source>
            <translation>Il part dès que la caisse a accusé réception de son lot (ARL).</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>Renvoyer</translation>
        </message>
        <message>
            <source>A refused document becomes a new draft, with the same pages and invoice, to correct before it leaves.</source>
            <translation>Le document refusé devient un nouveau brouillon, avec les mêmes pages et la même facture, à corriger avant son départ.</translation>
        </message>
        <message>
            <source>Delete the draft</source>
            <translation>Supprimer le brouillon</translation>
        </message>
        <message>
            <source>Invoice number</source>
            <translation>N° de facture</translation>
        </message>
        <message>
            <source>Invoice number of the proof of sending</source>
            <translation>N° de la facture dont vous cherchez la preuve d'envoi</translation>
        </message>
        <message>
            <source>Proof of sending</source>
            <translation>Preuve d'envoi</translation>
        </message>
        <message>
            <source>Sending: %1 %</source>
            <translation>Envoi : %1 %</translation>
        </message>
        <message>
            <source>No watched folder configured: set scan_folder in %1.</source>
            <translation>Aucun dossier surveillé n'est configuré : indiquez-le (scan_folder) dans %1.</translation>
        </message>
        <message numerus="yes">
            <source>Watched folder: %1 — %n file(s) taken today</source>
            <translation>
                <numerusform>Dossier surveillé : %1 — %n fichier pris aujourd'hui</numerusform>
                <numerusform>Dossier surveillé : %1 — %n fichiers pris aujourd'hui</numerusform>
            </translation>
        </message>
        <message>
            <source>Quarantine (%1)</source>
            <translation>Quarantaine (%1)</translation>
        </message>
        <message>
            <source>No document was sent for invoice %1.</source>
            <translation>Aucun document n'a été envoyé pour la facture %1.</translation>
        </message>
        <message>
            <source>Invoice %1 of batch %2: %3</source>
            <translation>Facture %1 du lot %2 : %3</translation>
        </message>
        <message>
            <source>acknowledgement %1</source>
            <translation>accusé de réception %1</translation>
        </message>
        <message>
            <source>accepted on %1 at %2</source>
            <translation>accepté le %1 à %2</translation>
        </message>
        <message>
            <source>refused on %1 at %2</source>
            <translation>refusé le %1 à %2</translation>
        </message>
        <message>
            <source>accepted on %1 at %2; its copy was purged after 33 months</source>
            <translation>accepté le %1 à %2 ; sa copie a été purgée après 33 mois</translation>
        </message>
        <message>
            <source>sent, no answer yet</source>
            <translation>envoyé, sans réponse pour l'instant</translation>
        </message>
        <message>
            <source>being sent</source>
            <translation>en cours d'envoi</translation>
        </message>
        <message>
            <source>waiting for the batch's acknowledgement</source>
            <translation>en attente de l'ARL du lot</translation>
        </message>
        <message>
            <source>to send on paper</source>
            <translation>à envoyer sur papier</translation>
        </message>
        <message>
            <source>its file is lost</source>
            <translation>son fichier est perdu</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>accepté</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>refusé</translation>
        </message>
        <message>
            <source>Link it to its invoice first.</source>
            <translation>Liez-le d'abord à sa facture.</translation>
        </message>
        <message>
            <source>Invoice %1 of batch %2</source>
            <translation>Facture %1 du lot %2</translation>
        </message>
        <message numerus="yes">
            <source>%n draft(s) to finish</source>
            <translation>
                <numerusform>%n brouillon à terminer</numerusform>
                <numerusform>%n brouillons à terminer</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n on the way</source>
            <translation>
                <numerusform>%n en attente d'envoi</numerusform>
                <numerusform>%n en attente d'envoi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refused or lost: see the reason</source>
            <translation>
                <numerusform>%n refusé ou perdu : voir la raison</numerusform>
                <numerusform>%n refusés ou perdus : voir la raison</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to send on paper</source>
            <translation>
                <numerusform>%n à envoyer sur papier</numerusform>
                <numerusform>%n à envoyer sur papier</numerusform>
            </translation>
        </message>
        <message>
            <source>Import scanned documents</source>
            <translation>Importer des documents numérisés</translation>
        </message>
        <message>
            <source>Scans (%1)</source>
            <translation>Documents numérisés (%1)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Tous les fichiers (*)</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n draft(s)? Their pages are deleted from this workstation.</source>
            <translation>
                <numerusform>Supprimer ce brouillon ? Ses pages sont effacées de ce poste.</numerusform>
                <numerusform>Supprimer ces %n brouillons ? Leurs pages sont effacées de ce poste.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message numerus="yes">
            <source>%n accepted</source>
            <translation>
                <numerusform>%n accepté</numerusform>
                <numerusform>%n acceptés</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Domains</name>
        <message>
            <source>Payments</source>
            <translation>Paiements</translation>
        </message>
        <message>
            <source>Rejects</source>
            <translation>Rejets</translation>
        </message>
        <message>
            <source>Form orders</source>
            <translation>Commandes d'imprimés</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Événements</translation>
        </message>
        <message>
            <source>Personal information</source>
            <translation>Informations personnelles</translation>
        </message>
        <message>
            <source>ALD renewals</source>
            <translation>Renouvellements d'ALD</translation>
        </message>
        <message>
            <source>Forms catalogue</source>
            <translation>Catalogue des imprimés</translation>
        </message>
        <message>
            <source>Activity</source>
            <translation>Activité</translation>
        </message>
        <message>
            <source>Invoices awaiting a document</source>
            <translation>Factures en attente de pièce justificative</translation>
        </message>
    </context>
    <context>
        <name>FormsPresenter</name>
        <message>
            <source>Order: %1</source>
            <translation>Commande : %1</translation>
        </message>
        <message>
            <source>Change to order no. %1: %2</source>
            <translation>Modification de la commande n° %1 : %2</translation>
        </message>
        <message>
            <source>Cancellation of order no. %1</source>
            <translation>Annulation de la commande n° %1</translation>
        </message>
        <message>
            <source>%1 removed</source>
            <translation>sans « %1 »</translation>
        </message>
        <message>
            <source>Your order is kept on this workstation and sent to the health insurance.</source>
            <translation>Votre commande est gardée sur ce poste et envoyée à l'Assurance Maladie.</translation>
        </message>
        <message>
            <source>Your change is kept on this workstation and sent to the health insurance.</source>
            <translation>Votre modification est gardée sur ce poste et envoyée à l'Assurance Maladie.</translation>
        </message>
        <message>
            <source>The order was not sent yet: it is withdrawn, nothing will be sent.</source>
            <translation>La commande n'était pas encore envoyée : elle est retirée, rien ne sera envoyé.</translation>
        </message>
        <message>
            <source>Your cancellation is kept on this workstation and sent to the health insurance.</source>
            <translation>Votre annulation est gardée sur ce poste et envoyée à l'Assurance Maladie.</translation>
        </message>
        <message>
            <source>This order is being sent right now: what you asked is applied as soon as the sending ends.</source>
            <translation>Cette commande est en cours d'envoi : votre demande sera prise en compte dès la fin de l'envoi.</translation>
        </message>
        <message>
            <source>This order was not placed: the reason is shown above.</source>
            <translation>Cette commande n'a pas été passée : le motif est indiqué plus haut.</translation>
        </message>
        <message>
            <source>The order could not be saved on this workstation: try again.</source>
            <translation>La commande n'a pas pu être enregistrée sur ce poste : réessayez.</translation>
        </message>
    </context>
    <context>
        <name>FormsView</name>
        <message>
            <source>Form orders</source>
            <translation>Commandes d'imprimés</translation>
        </message>
        <message>
            <source>Choose the quantities, then order: an order can be changed until it is dispatched.</source>
            <translation>Choisissez les quantités, puis commandez : une commande reste modifiable jusqu'à son expédition.</translation>
        </message>
        <message>
            <source>The catalogue has not been received yet: it comes with the next connection to the back office.</source>
            <translation>Le catalogue n'a pas encore été reçu : il arrivera à la prochaine connexion au service en ligne.</translation>
        </message>
        <message>
            <source>Place the order</source>
            <translation>Commander</translation>
        </message>
        <message>
            <source>Keep the order as it was</source>
            <translation>Garder la commande telle quelle</translation>
        </message>
        <message>
            <source>Catalogue</source>
            <translation>Catalogue</translation>
        </message>
        <message>
            <source>Your orders</source>
            <translation>Vos commandes</translation>
        </message>
        <message>
            <source>Change this order</source>
            <translation>Modifier cette commande</translation>
        </message>
        <message>
            <source>Cancel this order</source>
            <translation>Annuler cette commande</translation>
        </message>
        <message>
            <source>No order yet: your orders and their dispatch will be listed here.</source>
            <translation>Aucune commande pour l'instant : vos commandes et leur expédition apparaîtront ici.</translation>
        </message>
        <message>
            <source>Cerfa no. %1</source>
            <translation>Cerfa n° %1</translation>
        </message>
        <message>
            <source>No Cerfa number</source>
            <translation>Sans numéro Cerfa</translation>
        </message>
        <message>
            <source>Quantity of %1</source>
            <translation>Quantité de « %1 »</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Aucune</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Commande</translation>
        </message>
        <message>
            <source>Forms</source>
            <translation>Imprimés</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Placed on %1</source>
            <translation>Passée le %1</translation>
        </message>
        <message>
            <source>No. %1
placed on %2</source>
            <translation>N° %1
passée le %2</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>En attente d'envoi</translation>
        </message>
        <message>
            <source>Dispatched on %1</source>
            <translation>Expédiée le %1</translation>
        </message>
        <message>
            <source>Cancelled on %1</source>
            <translation>Annulée le %1</translation>
        </message>
        <message>
            <source>Cancellation waiting to be sent</source>
            <translation>Annulation en attente d'envoi</translation>
        </message>
        <message>
            <source>Change waiting to be sent</source>
            <translation>Modification en attente d'envoi</translation>
        </message>
        <message>
            <source>Ordered — can be changed until %1 at %2</source>
            <translation>Commandée — modifiable jusqu'au %1 à %2</translation>
        </message>
        <message>
            <source>Ordered — being prepared for dispatch</source>
            <translation>Commandée — en préparation pour l'expédition</translation>
        </message>
        <message>
            <source>Changing order no. %1</source>
            <translation>Modification de la commande n° %1</translation>
        </message>
        <message>
            <source>Changing the order waiting to be sent</source>
            <translation>Modification de la commande en attente d'envoi</translation>
        </message>
        <message>
            <source>Save the change</source>
            <translation>Enregistrer la modification</translation>
        </message>
    </context>
    <context>
        <name>Freshness</name>
        <message>
            <source>today at %1</source>
            <translation>aujourd'hui à %1</translation>
        </message>
        <message>
            <source>yesterday at %1</source>
            <translation>hier à %1</translation>
        </message>
        <message>
            <source>tomorrow at %1</source>
            <translation>demain à %1</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>le %1 à %2</translation>
        </message>
        <message>
            <source>data from %1 at %2</source>
            <translation>données du %1 à %2</translation>
        </message>
        <message>
            <source>Synchronizing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Offline — no data on this workstation yet</source>
            <translation>Hors ligne — aucune donnée sur ce poste pour l'instant</translation>
        </message>
        <message>
            <source>Under maintenance — no data on this workstation yet</source>
            <translation>Service en maintenance — aucune donnée sur ce poste pour l'instant</translation>
        </message>
        <message>
            <source>Not synchronized yet</source>
            <translation>Pas encore synchronisé</translation>
        </message>
        <message>
            <source>Offline — %1</source>
            <translation>Hors ligne — %1</translation>
        </message>
        <message>
            <source>Under maintenance — %1</source>
            <translation>Service en maintenance — %1</translation>
        </message>
        <message>
            <source>Up to date</source>
            <translation>À jour</translation>
        </message>
        <message numerus="yes">
            <source>Up to date %n min ago</source>
            <translation>
                <numerusform>À jour il y a %n min</numerusform>
                <numerusform>À jour il y a %n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Up to date %n h ago</source>
            <translation>
                <numerusform>À jour il y a %n h</numerusform>
                <numerusform>À jour il y a %n h</numerusform>
            </translation>
        </message>
        <message>
            <source>Session ended</source>
            <translation>Session terminée</translation>
        </message>
        <message numerus="yes">
            <source>Session ends in %n min</source>
            <translation>
                <numerusform>Fin de session dans %n min</numerusform>
                <numerusform>Fin de session dans %n min</numerusform>
            </translation>
        </message>
        <message>
            <source>Session ends at %1</source>
            <translation>Fin de session à %1</translation>
        </message>
    </context>
    <context>
        <name>HomeView</name>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message numerus="yes">
            <source>Your password expires in %n day(s): change it from a session opened with your card.</source>
            <translation>
                <numerusform>Votre mot de passe expire dans %n jour : changez-le depuis une session ouverte avec votre carte.</numerusform>
                <numerusform>Votre mot de passe expire dans %n jours : changez-le depuis une session ouverte avec votre carte.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reading your data…</source>
            <translation>Lecture de vos données…</translation>
        </message>
        <message>
            <source>Your data has not been synchronized on this workstation yet: it will appear here as soon as it arrives.</source>
            <translation>Vos données n'ont pas encore été synchronisées sur ce poste : elles s'afficheront ici dès leur arrivée.</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) need your attention.</source>
            <translation>
                <numerusform>%n point demande votre attention.</numerusform>
                <numerusform>%n points demandent votre attention.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing needs your attention today.</source>
            <translation>Rien ne demande votre attention aujourd'hui.</translation>
        </message>
        <message numerus="yes">
            <source>ALD renewal(s) to prepare — the first due on %1</source>
            <translation>
                <numerusform>renouvellement d'ALD à préparer — échéance le %1</numerusform>
                <numerusform>renouvellements d'ALD à préparer — première échéance le %1</numerusform>
            </translation>
        </message>
        <message>
            <source>No ALD to renew in the coming months</source>
            <translation>Aucune ALD à renouveler dans les prochains mois</translation>
        </message>
        <message numerus="yes">
            <source>rejected invoice(s) to correct</source>
            <translation>
                <numerusform>facture rejetée à corriger</numerusform>
                <numerusform>factures rejetées à corriger</numerusform>
            </translation>
        </message>
        <message>
            <source>No rejected invoice to correct</source>
            <translation>Aucune facture rejetée à corriger</translation>
        </message>
        <message numerus="yes">
            <source>answer(s) from your fund</source>
            <translation>
                <numerusform>réponse de votre caisse</numerusform>
                <numerusform>réponses de votre caisse</numerusform>
            </translation>
        </message>
        <message>
            <source>No answer from your fund</source>
            <translation>Aucune réponse de votre caisse</translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) waiting to be sent</source>
            <translation>
                <numerusform>document scanné en attente d'envoi</numerusform>
                <numerusform>documents scannés en attente d'envoi</numerusform>
            </translation>
        </message>
        <message>
            <source>No scanned document waiting to be sent</source>
            <translation>Aucun document scanné en attente d'envoi</translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) could not be sent: see why</source>
            <translation>
                <numerusform>document scanné n'a pas pu être envoyé : voir pourquoi</numerusform>
                <numerusform>documents scannés n'ont pas pu être envoyés : voir pourquoi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>scanned document(s) to link to their invoice</source>
            <translation>
                <numerusform>document scanné à lier à sa facture</numerusform>
                <numerusform>documents scannés à lier à leur facture</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>document(s) to send on paper</source>
            <translation>
                <numerusform>document à envoyer sur papier</numerusform>
                <numerusform>documents à envoyer sur papier</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InvoicePicker</name>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>NIR</source>
            <translation>NIR</translation>
        </message>
        <message>
            <source>Date of care</source>
            <translation>Date de soins</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>Facture</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>ARL</translation>
        </message>
        <message>
            <source>ARL received</source>
            <translation>ARL reçu</translation>
        </message>
        <message>
            <source>ARL awaited</source>
            <translation>ARL attendu</translation>
        </message>
        <message>
            <source>Batch refused</source>
            <translation>Lot refusé</translation>
        </message>
        <message>
            <source>Patient's name, NIR, date of care, amount, batch or invoice number</source>
            <translation>Nom du patient, NIR, date de soins, montant, n° de lot ou de facture</translation>
        </message>
        <message>
            <source>Find the invoice</source>
            <translation>Rechercher la facture</translation>
        </message>
        <message>
            <source>Down and up arrows go through the invoices, Enter chooses one.</source>
            <translation>Les flèches haut et bas parcourent les factures, Entrée choisit la facture.</translation>
        </message>
        <message>
            <source>Invoices awaiting their care sheet</source>
            <translation>Factures en attente de leur feuille de soins</translation>
        </message>
        <message>
            <source>No invoice matches « %1 ». Check the name, the NIR or the batch number.</source>
            <translation>Aucune facture ne correspond à « %1 ». Vérifiez le nom, le NIR ou le numéro de lot.</translation>
        </message>
        <message>
            <source>No degraded invoice is awaiting its care sheet.</source>
            <translation>Aucune facture dégradée n'attend sa feuille de soins.</translation>
        </message>
        <message numerus="yes">
            <source>%n invoice(s) found</source>
            <translation>
                <numerusform>%n facture trouvée</numerusform>
                <numerusform>%n factures trouvées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n invoice(s) awaiting their care sheet</source>
            <translation>
                <numerusform>%n facture en attente de sa feuille de soins</numerusform>
                <numerusform>%n factures en attente de leur feuille de soins</numerusform>
            </translation>
        </message>
        <message>
            <source>%1, care of %2, %3, batch %4, invoice %5, %6</source>
            <translation>%1, soins du %2, %3, lot %4, facture %5, %6</translation>
        </message>
    </context>
    <context>
        <name>LinkDialog</name>
        <message>
            <source>Link to an invoice</source>
            <translation>Lier à une facture</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Link</source>
            <translation>Lier</translation>
        </message>
        <message>
            <source>Type, choose with ↓ ↑, confirm with Enter.</source>
            <translation>Tapez, choisissez avec ↓ ↑, validez avec Entrée.</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <source>Cabinet is locked</source>
            <translation>Cabinet est verrouillé</translation>
        </message>
        <message>
            <source>Cabinet</source>
            <translation>Cabinet</translation>
        </message>
        <message>
            <source>Insert your CPS or CPE card</source>
            <translation>Insérez votre carte CPS ou CPE</translation>
        </message>
        <message>
            <source>Card readers</source>
            <translation>Lecteurs de cartes</translation>
        </message>
        <message>
            <source>Sign in without a card</source>
            <translation>Se connecter sans carte</translation>
        </message>
        <message>
            <source>Sign in without a card, with your identifier and password</source>
            <translation>Se connecter sans carte, avec votre identifiant et votre mot de passe</translation>
        </message>
        <message>
            <source>Sign in with my card</source>
            <translation>Me connecter avec ma carte</translation>
        </message>
        <message>
            <source>Sign in with the card in the reader</source>
            <translation>Se connecter avec la carte insérée dans le lecteur</translation>
        </message>
        <message>
            <source>No card reader is connected.</source>
            <translation>Aucun lecteur de cartes n'est branché.</translation>
        </message>
        <message>
            <source>No card</source>
            <translation>Aucune carte</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>Reading the card…</source>
            <translation>Lecture de la carte…</translation>
        </message>
        <message>
            <source>Type your PIN</source>
            <translation>Saisissez votre code porteur</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Connexion en cours…</translation>
        </message>
    </context>
    <context>
        <name>LoginsView</name>
        <message>
            <source>Recent sign-ins</source>
            <translation>Dernières connexions</translation>
        </message>
        <message>
            <source>The last sign-ins to your account. If one of them was not you, report it: every session of your account is closed at once.</source>
            <translation>Les dernières connexions à votre compte. Si l'une d'elles n'est pas de vous, signalez-la : toutes les sessions de votre compte sont aussitôt fermées.</translation>
        </message>
        <message>
            <source>No sign-in to show yet.</source>
            <translation>Aucune connexion à afficher pour le moment.</translation>
        </message>
        <message>
            <source>Choose a new password</source>
            <translation>Choisir un nouveau mot de passe</translation>
        </message>
        <message>
            <source>Choose a new password for signing in without your card</source>
            <translation>Choisir un nouveau mot de passe pour vous connecter sans votre carte</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>How</source>
            <translation>Moyen</translation>
        </message>
        <message>
            <source>Workstation</source>
            <translation>Poste</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Carte</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>%1 (this session)</source>
            <translation>%1 (cette session)</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>Signalée</translation>
        </message>
        <message>
            <source>That wasn't me</source>
            <translation>Ce n'était pas moi</translation>
        </message>
        <message>
            <source>That wasn't me: the sign-in of %1 on %2</source>
            <translation>Ce n'était pas moi : connexion %1 sur %2</translation>
        </message>
        <message>
            <source>Report the sign-in of %1 on %2?</source>
            <translation>Signaler la connexion %1 sur %2 ?</translation>
        </message>
        <message>
            <source>All your sessions will be closed at once, on every workstation, and this window will lock. Signing in with the password stays suspended until you choose a new one with your card.</source>
            <translation>Toutes vos sessions seront fermées aussitôt, sur tous les postes, et cette fenêtre se verrouillera. La connexion par mot de passe restera suspendue jusqu'à ce que vous en choisissiez un nouveau avec votre carte.</translation>
        </message>
        <message>
            <source>Report and close my sessions</source>
            <translation>Signaler et fermer mes sessions</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Cabinet</source>
            <translation>Cabinet</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Verrouiller</translation>
        </message>
        <message>
            <source>Lock Cabinet</source>
            <translation>Verrouiller Cabinet</translation>
        </message>
    </context>
    <context>
        <name>NewPasswordDialog</name>
        <message>
            <source>6 to 13 characters</source>
            <translation>De 6 à 13 caractères</translation>
        </message>
        <message>
            <source>Letters and digits only</source>
            <translation>Uniquement des lettres et des chiffres</translation>
        </message>
        <message>
            <source>Both entries are the same</source>
            <translation>Les deux saisies sont identiques</translation>
        </message>
        <message>
            <source>Not one of your last five passwords (checked when sent)</source>
            <translation>Différent de vos cinq derniers mots de passe (vérifié à l'envoi)</translation>
        </message>
        <message>
            <source>Choose a new password</source>
            <translation>Choisir un nouveau mot de passe</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
        <message>
            <source>For signing in without your card. Choosing it also lifts a suspension after “That wasn't me”.</source>
            <translation>Pour vous connecter sans votre carte. Le choisir lève aussi la suspension après « Ce n'était pas moi ».</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>Confirmez le nouveau mot de passe</translation>
        </message>
        <message>
            <source>Save the password</source>
            <translation>Enregistrer le mot de passe</translation>
        </message>
        <message>
            <source>Your new password is saved: you may sign in with it without your card.</source>
            <translation>Votre nouveau mot de passe est enregistré : vous pouvez vous connecter avec lui sans votre carte.</translation>
        </message>
        <message>
            <source>%1: met</source>
            <translation>%1 : respecté</translation>
        </message>
        <message>
            <source>%1: not met yet</source>
            <translation>%1 : pas encore respecté</translation>
        </message>
    </context>
    <context>
        <name>Notices</name>
        <message>
            <source>%n new rejected invoice(s) to correct</source>
            <translation>%n nouvelle facture rejetée à corriger</translation>
        </message>
        <message>
            <source>%n ALD renewal(s) due within 3 months</source>
            <translation>%n renouvellement d'ALD à faire dans les 3 mois</translation>
        </message>
        <message>
            <source>%n answer(s) from the health insurance</source>
            <translation>%n réponse de l'Assurance Maladie</translation>
        </message>
        <message>
            <source>%n document(s) refused by SCOR</source>
            <translation>%n document refusé par SCOR</translation>
        </message>
        <message>
            <source>%n document(s) to send on paper: SCOR could not send them</source>
            <translation>%n document à envoyer sur papier : SCOR n'a pas pu l'envoyer</translation>
        </message>
    </context>
    <context>
        <name>NotificationsPresenter</name>
        <message>
            <source>Cabinet</source>
            <translation>Cabinet</translation>
        </message>
    </context>
    <context>
        <name>PageEditor</name>
        <message>
            <source>Nearly white</source>
            <translation>Presque blanche</translation>
        </message>
        <message>
            <source>Nearly black</source>
            <translation>Presque noire</translation>
        </message>
        <message>
            <source>Low contrast</source>
            <translation>Peu contrastée</translation>
        </message>
        <message>
            <source>Cut or shifted</source>
            <translation>Coupée ou décalée</translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation>Page %1</translation>
        </message>
        <message>
            <source>Scanned pages</source>
            <translation>Pages numérisées</translation>
        </message>
        <message>
            <source>Turn left</source>
            <translation>Pivoter à gauche</translation>
        </message>
        <message>
            <source>Turn the page a quarter anticlockwise (Shift+R)</source>
            <translation>Faire pivoter la page d'un quart de tour vers la gauche (Maj+R)</translation>
        </message>
        <message>
            <source>Turn right</source>
            <translation>Pivoter à droite</translation>
        </message>
        <message>
            <source>Turn the page a quarter clockwise (R)</source>
            <translation>Faire pivoter la page d'un quart de tour vers la droite (R)</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <source>Delete the selected page (Del)</source>
            <translation>Supprimer la page choisie (Suppr)</translation>
        </message>
        <message>
            <source>Split before this page</source>
            <translation>Séparer avant cette page</translation>
        </message>
        <message>
            <source>The pages from the selected one on make a new document (S)</source>
            <translation>Les pages à partir de celle choisie forment un nouveau document (S)</translation>
        </message>
        <message>
            <source>Merge with the next</source>
            <translation>Fusionner avec le suivant</translation>
        </message>
        <message>
            <source>Put the next document's pages after this one's (F)</source>
            <translation>Mettre les pages du document suivant à la suite de celui-ci (F)</translation>
        </message>
        <message>
            <source>Arrows: choose · Ctrl+arrows: move · R: turn · Del: delete · or drag a page with the mouse</source>
            <translation>Flèches : choisir · Ctrl+flèches : déplacer · R : pivoter · Suppr : supprimer · ou faites glisser une page avec la souris</translation>
        </message>
        <message>
            <source>No page yet. Scan or import the care sheets: their pages will appear here.</source>
            <translation>Aucune page pour l'instant. Numérisez ou importez les feuilles de soins : leurs pages s'afficheront ici.</translation>
        </message>
        <message>
            <source>Delete a page</source>
            <translation>Supprimer une page</translation>
        </message>
        <message>
            <source>Delete page %1 of document %2?</source>
            <translation>Supprimer la page %1 du document %2 ?</translation>
        </message>
        <message>
            <source>The page will not be sent with the care sheet.</source>
            <translation>La page ne sera pas envoyée avec la feuille de soins.</translation>
        </message>
        <message>
            <source>Delete the page</source>
            <translation>Supprimer la page</translation>
        </message>
        <message>
            <source>No page</source>
            <translation>Aucune page</translation>
        </message>
        <message>
            <source>Document %1, page %2 of %3</source>
            <translation>Document %1, page %2 sur %3</translation>
        </message>
        <message>
            <source>to check: %1</source>
            <translation>à vérifier : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s) to check</source>
            <translation>
                <numerusform>%n page à vérifier</numerusform>
                <numerusform>%n pages à vérifier</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Document %1 — %n page(s)</source>
            <translation>
                <numerusform>Document %1 — %n page</numerusform>
                <numerusform>Document %1 — %n pages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PagesDialog</name>
        <message>
            <source>Pages of the document</source>
            <translation>Pages du document</translation>
        </message>
        <message>
            <source>Save the pages</source>
            <translation>Enregistrer les pages</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Reading the pages…</source>
            <translation>Lecture des pages…</translation>
        </message>
        <message numerus="yes">
            <source>These pages will make %n document(s).</source>
            <translation>
                <numerusform>Ces pages feront %n document.</numerusform>
                <numerusform>Ces pages feront %n documents.</numerusform>
            </translation>
        </message>
        <message>
            <source>No page left: saving deletes the draft.</source>
            <translation>Il ne reste aucune page : enregistrer supprime le brouillon.</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Sign in without a card</source>
            <translation>Se connecter sans carte</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Connexion en cours…</translation>
        </message>
        <message>
            <source>With your numéro AM or FINESS number and your password.</source>
            <translation>Avec votre numéro AM ou FINESS et votre mot de passe.</translation>
        </message>
        <message>
            <source>Identifier: numéro AM or FINESS number</source>
            <translation>Identifiant : numéro AM ou FINESS</translation>
        </message>
        <message>
            <source>Identifier (numéro AM or FINESS)</source>
            <translation>Identifiant (numéro AM ou FINESS)</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>Confirmez le nouveau mot de passe</translation>
        </message>
        <message>
            <source>6 to 13 characters</source>
            <translation>De 6 à 13 caractères</translation>
        </message>
        <message>
            <source>Letters and digits only</source>
            <translation>Uniquement des lettres et des chiffres</translation>
        </message>
        <message>
            <source>Both entries are the same</source>
            <translation>Les deux saisies sont identiques</translation>
        </message>
        <message>
            <source>Not one of your last five passwords (checked when sent)</source>
            <translation>Différent de vos cinq derniers mots de passe (vérifié à l'envoi)</translation>
        </message>
        <message>
            <source>First sign-in code</source>
            <translation>Code de première connexion</translation>
        </message>
        <message>
            <source>First sign-in: choose your password.</source>
            <translation>Première connexion : choisissez votre mot de passe.</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Mot de passe actuel</translation>
        </message>
        <message>
            <source>Your password has expired: choose a new one.</source>
            <translation>Votre mot de passe a expiré : choisissez-en un nouveau.</translation>
        </message>
        <message numerus="yes">
            <source>Your password expires in %n day(s).</source>
            <translation>
                <numerusform>Votre mot de passe expire dans %n jour.</numerusform>
                <numerusform>Votre mot de passe expire dans %n jours.</numerusform>
            </translation>
        </message>
        <message>
            <source>An e-mail address is not an identifier: type your numéro AM or FINESS number.</source>
            <translation>Une adresse e-mail n'est pas un identifiant : saisissez votre numéro AM ou FINESS.</translation>
        </message>
        <message>
            <source>The identifier is a numéro AM or a FINESS number (9 characters).</source>
            <translation>L'identifiant est un numéro AM ou un numéro FINESS (9 caractères).</translation>
        </message>
        <message>
            <source>%1: met</source>
            <translation>%1 : respecté</translation>
        </message>
        <message>
            <source>%1: not met yet</source>
            <translation>%1 : pas encore respecté</translation>
        </message>
    </context>
    <context>
        <name>PatientsPresenter</name>
        <message>
            <source>Reading the carte Vitale…</source>
            <translation>Lecture de la carte Vitale…</translation>
        </message>
        <message>
            <source>This card could not be read as a carte Vitale.</source>
            <translation>Cette carte n'a pas pu être lue comme une carte Vitale.</translation>
        </message>
        <message>
            <source>The NIR on this card has a wrong key: the card may be damaged. Type the NIR from the patient's certificate.</source>
            <translation>Le NIR de cette carte a une clé fausse : la carte est peut-être abîmée. Saisissez le NIR indiqué sur l'attestation du patient.</translation>
        </message>
        <message>
            <source>The situation could not be read, and none was read before on this workstation.</source>
            <translation>La situation n'a pas pu être lue, et aucune n'a été lue auparavant sur ce poste.</translation>
        </message>
        <message>
            <source>The carte Vitale in the reader is not this patient's: insert his own card.</source>
            <translation>La carte Vitale dans le lecteur n'est pas celle de ce patient : insérez sa propre carte.</translation>
        </message>
        <message>
            <source>The history could not be read.</source>
            <translation>L'historique n'a pas pu être lu.</translation>
        </message>
        <message>
            <source>The card could not be read.</source>
            <translation>La carte n'a pas pu être lue.</translation>
        </message>
    </context>
    <context>
        <name>PatientsView</name>
        <message>
            <source>A NIR starts with 1 or 2 (7 or 8 for a temporary number).</source>
            <translation>Un NIR commence par 1 ou 2 (7 ou 8 pour un numéro provisoire).</translation>
        </message>
        <message>
            <source>A NIR is made of digits only (2A or 2B for a person born in Corsica).</source>
            <translation>Un NIR ne contient que des chiffres (2A ou 2B pour une personne née en Corse).</translation>
        </message>
        <message>
            <source>A NIR has 15 characters, its key included: one too many was typed.</source>
            <translation>Un NIR compte 15 caractères, clé comprise : il y en a un de trop.</translation>
        </message>
        <message>
            <source>The key (the last two digits) does not match the number: check what was typed against the card.</source>
            <translation>La clé (les deux derniers chiffres) ne correspond pas au numéro : vérifiez la saisie.</translation>
        </message>
        <message>
            <source>The reimbursement history is medical data: it is shown only to the doctor, signed in with his CPS card.</source>
            <translation>L'historique des remboursements est une donnée médicale : il n'est montré qu'au médecin, connecté avec sa carte CPS.</translation>
        </message>
        <message>
            <source>The reimbursement history needs your CPS card: a session opened with the password is not enough.</source>
            <translation>L'historique des remboursements demande votre carte CPS : une session ouverte par mot de passe ne suffit pas.</translation>
        </message>
        <message>
            <source>Insert the patient's carte Vitale in a reader: the history is shown only while it is there.</source>
            <translation>Insérez la carte Vitale du patient dans un lecteur : l'historique n'est affiché que tant qu'elle y est.</translation>
        </message>
        <message>
            <source>Ask the patient's consent, then tick the box.</source>
            <translation>Demandez l'accord du patient, puis cochez la case.</translation>
        </message>
        <message>
            <source>Care</source>
            <translation>Soins</translation>
        </message>
        <message>
            <source>Exams</source>
            <translation>Examens</translation>
        </message>
        <message>
            <source>Drugs</source>
            <translation>Médicaments</translation>
        </message>
        <message>
            <source>insured</source>
            <translation>assuré(e)</translation>
        </message>
        <message>
            <source>spouse</source>
            <translation>conjoint(e)</translation>
        </message>
        <message>
            <source>child</source>
            <translation>enfant</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Read the patient's carte Vitale, or type his NIR, to see his rights and his médecin traitant.</source>
            <translation>Lisez la carte Vitale du patient, ou saisissez son NIR, pour voir ses droits et son médecin traitant.</translation>
        </message>
        <message>
            <source>Carte Vitale</source>
            <translation>Carte Vitale</translation>
        </message>
        <message>
            <source>No carte Vitale in the readers: insert it, or type the patient's NIR below.</source>
            <translation>Aucune carte Vitale dans les lecteurs : insérez-la, ou saisissez le NIR du patient ci-dessous.</translation>
        </message>
        <message>
            <source>Or the patient's NIR</source>
            <translation>Ou le NIR du patient</translation>
        </message>
        <message>
            <source>e.g. 2 85 03 75 115 042 63</source>
            <translation>ex. 2 85 03 75 115 042 63</translation>
        </message>
        <message>
            <source>Patient's NIR</source>
            <translation>NIR du patient</translation>
        </message>
        <message>
            <source>Look up</source>
            <translation>Consulter</translation>
        </message>
        <message>
            <source>Look up the patient's situation</source>
            <translation>Consulter la situation du patient</translation>
        </message>
        <message>
            <source>NIR check</source>
            <translation>Vérification du NIR</translation>
        </message>
        <message>
            <source>Reimbursements of the last 12 months</source>
            <translation>Remboursements des 12 derniers mois</translation>
        </message>
        <message>
            <source>The patient agrees that I consult his reimbursements</source>
            <translation>Le patient accepte que je consulte ses remboursements</translation>
        </message>
        <message>
            <source>Show the history</source>
            <translation>Afficher l'historique</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Nature</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Libellé</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>Reimbursed</source>
            <translation>Remboursé</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Payé le</translation>
        </message>
        <message>
            <source>A carte Vitale is in « %1 ».</source>
            <translation>Une carte Vitale est dans « %1 ».</translation>
        </message>
        <message>
            <source>Read the card</source>
            <translation>Lire la carte</translation>
        </message>
        <message>
            <source>Read the carte Vitale in %1</source>
            <translation>Lire la carte Vitale dans %1</translation>
        </message>
        <message numerus="yes">
            <source>This card carries %n people: choose the patient.</source>
            <translation>
                <numerusform>Cette carte porte %n personne : choisissez le patient.</numerusform>
                <numerusform>Cette carte porte %n personnes : choisissez le patient.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reading the patient's situation from the health insurance…</source>
            <translation>Lecture de la situation du patient auprès de l'Assurance Maladie…</translation>
        </message>
        <message>
            <source>%1, on the card of %2</source>
            <translation>%1, sur la carte de %2</translation>
        </message>
        <message>
            <source>Born on %1 · NIR %2 · Fund %3</source>
            <translation>Né(e) le %1 · NIR %2 · Caisse %3</translation>
        </message>
        <message>
            <source>on %1 at %2</source>
            <translation>le %1 à %2</translation>
        </message>
        <message>
            <source>Situation read from the health insurance %1.</source>
            <translation>Situation lue auprès de l'Assurance Maladie %1.</translation>
        </message>
        <message>
            <source>Situation read %1, offline: the health insurance cannot be reached, this is the last one read on this workstation.</source>
            <translation>Situation lue %1, hors connexion : l'Assurance Maladie ne répond pas, c'est la dernière lue sur ce poste.</translation>
        </message>
        <message>
            <source>Reading the reimbursements…</source>
            <translation>Lecture des remboursements…</translation>
        </message>
        <message numerus="yes">
            <source>From %1 to %2: %n reimbursement(s).</source>
            <translation>
                <numerusform>Du %1 au %2 : %n remboursement.</numerusform>
                <numerusform>Du %1 au %2 : %n remboursements.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reimbursed: %1</source>
            <translation>Remboursé : %1</translation>
        </message>
        <message>
            <source>Billed: %1</source>
            <translation>Facturé : %1</translation>
        </message>
        <message>
            <source>No reimbursement in the last 12 months.</source>
            <translation>Aucun remboursement ces 12 derniers mois.</translation>
        </message>
        <message>
            <source>A NIR has 15 characters, its key included.</source>
            <translation>Un NIR compte 15 caractères, clé comprise.</translation>
        </message>
        <message>
            <source>%1 %2, born on %3</source>
            <translation>%1 %2, né(e) le %3</translation>
        </message>
        <message>
            <source>Rights open, from %1 to %2.</source>
            <translation>Droits ouverts, du %1 au %2.</translation>
        </message>
        <message>
            <source>Rights open until %1.</source>
            <translation>Droits ouverts jusqu'au %1.</translation>
        </message>
        <message>
            <source>Rights open.</source>
            <translation>Droits ouverts.</translation>
        </message>
        <message>
            <source>Rights closed: they ended on %1. Ask the patient for his up-to-date certificate (attestation de droits).</source>
            <translation>Droits fermés depuis le %1. Demandez au patient son attestation de droits à jour.</translation>
        </message>
        <message>
            <source>Rights closed. Ask the patient for his up-to-date certificate (attestation de droits).</source>
            <translation>Droits fermés. Demandez au patient son attestation de droits à jour.</translation>
        </message>
        <message>
            <source>No médecin traitant declared.</source>
            <translation>Aucun médecin traitant déclaré.</translation>
        </message>
        <message>
            <source>You are his médecin traitant, declared on %1.</source>
            <translation>Vous êtes son médecin traitant, déclaré le %1.</translation>
        </message>
        <message>
            <source>You are his médecin traitant.</source>
            <translation>Vous êtes son médecin traitant.</translation>
        </message>
        <message>
            <source>another doctor</source>
            <translation>un autre médecin</translation>
        </message>
        <message>
            <source>Médecin traitant: %1, declared on %2.</source>
            <translation>Médecin traitant : %1, déclaré le %2.</translation>
        </message>
        <message>
            <source>Médecin traitant: %1.</source>
            <translation>Médecin traitant : %1.</translation>
        </message>
    </context>
    <context>
        <name>PaymentColumns</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>NIR</source>
            <translation>NIR</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Nature</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Libellé</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>Facture</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>Payeur</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
    </context>
    <context>
        <name>PaymentKinds</name>
        <message>
            <source>Third-party payment</source>
            <translation>Tiers payant</translation>
        </message>
        <message>
            <source>Treating doctor for ALD patients</source>
            <translation>Médecin traitant ALD</translation>
        </message>
        <message>
            <source>On-call duty</source>
            <translation>Gardes</translation>
        </message>
        <message>
            <source>Teletransmission help</source>
            <translation>Aide à la télétransmission</translation>
        </message>
        <message>
            <source>Treating doctor lump sum</source>
            <translation>Forfait médecin traitant</translation>
        </message>
    </context>
    <context>
        <name>PaymentsPage</name>
        <message>
            <source>Payments</source>
            <translation>Paiements</translation>
        </message>
        <message>
            <source>Payments shown</source>
            <translation>Paiements affichés</translation>
        </message>
        <message>
            <source>Export as CSV</source>
            <translation>Exporter en CSV</translation>
        </message>
        <message>
            <source>The payments shown, in a file a spreadsheet opens</source>
            <translation>Les paiements affichés, dans un fichier qu'un tableur ouvre</translation>
        </message>
        <message>
            <source>Write the date as dd/mm/yyyy, for example 24/11/2025.</source>
            <translation>Écrivez la date sous la forme jj/mm/aaaa, par exemple 24/11/2025.</translation>
        </message>
        <message>
            <source>The start date is after the end date.</source>
            <translation>La date de début est après la date de fin.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Export en cours…</translation>
        </message>
        <message numerus="yes">
            <source>%n payment(s) exported to %1</source>
            <translation>
                <numerusform>%n paiement exporté dans %1</numerusform>
                <numerusform>%n paiements exportés dans %1</numerusform>
            </translation>
        </message>
        <message>
            <source>The file could not be written: %1</source>
            <translation>Le fichier n'a pas pu être écrit : %1</translation>
        </message>
        <message>
            <source>The payments could not be read on this workstation. Lock and sign in again; if it happens again, export a diagnostic from Diagnostic.</source>
            <translation>Les paiements n'ont pas pu être lus sur ce poste. Verrouillez puis reconnectez-vous ; si cela se reproduit, exportez un diagnostic depuis « Diagnostic ».</translation>
        </message>
        <message>
            <source>Your payments of the last %1 months, since %2. Search by patient (name or NIR), invoice or batch number; click a column's title to sort.</source>
            <translation>Vos paiements des %1 derniers mois, depuis le %2. Cherchez par patient (nom ou NIR), numéro de facture ou de lot ; cliquez sur le titre d'une colonne pour trier.</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>jj/mm/aaaa</translation>
        </message>
        <message>
            <source>Name or NIR</source>
            <translation>Nom ou NIR</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>Toutes natures</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Au</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Patient</translation>
        </message>
        <message>
            <source>Invoice no.</source>
            <translation>N° de facture</translation>
        </message>
        <message>
            <source>Batch no.</source>
            <translation>N° de lot</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Nature</translation>
        </message>
        <message numerus="yes">
            <source>%1 payment(s) — %2</source>
            <translation>
                <numerusform>%1 paiement — %2</numerusform>
                <numerusform>%1 paiements — %2</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n payment(s), %2</source>
            <translation>
                <numerusform>%1 : %n paiement, %2</numerusform>
                <numerusform>%1 : %n paiements, %2</numerusform>
            </translation>
        </message>
        <message>
            <source>No payment matches this search. Check the dates, or clear a field.</source>
            <translation>Aucun paiement ne correspond à cette recherche. Vérifiez les dates, ou videz un champ.</translation>
        </message>
        <message>
            <source>No payment in the last %1 months on this workstation yet.</source>
            <translation>Aucun paiement des %1 derniers mois sur ce poste pour l'instant.</translation>
        </message>
        <message>
            <source>Export the payments</source>
            <translation>Exporter les paiements</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Fichiers CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>PersonalView</name>
        <message>
            <source>Personal information</source>
            <translation>Informations personnelles</translation>
        </message>
        <message>
            <source>Identity</source>
            <translation>Identité</translation>
        </message>
        <message>
            <source>Practice locations</source>
            <translation>Lieux d'exercice</translation>
        </message>
        <message>
            <source>Agreement with the health insurance</source>
            <translation>Convention avec l'Assurance Maladie</translation>
        </message>
        <message>
            <source>Bank details</source>
            <translation>Coordonnées bancaires</translation>
        </message>
        <message>
            <source>Signing in</source>
            <translation>Connexion</translation>
        </message>
        <message>
            <source>See your recent sign-ins</source>
            <translation>Voir vos dernières connexions</translation>
        </message>
        <message>
            <source>Open the recent sign-ins to your account</source>
            <translation>Ouvrir les dernières connexions à votre compte</translation>
        </message>
        <message>
            <source>Reading your information…</source>
            <translation>Lecture de vos informations…</translation>
        </message>
        <message>
            <source>Your information has not reached this workstation yet: it will appear here after the next synchronization with the health insurance.</source>
            <translation>Vos informations ne sont pas encore arrivées sur ce poste : elles s'afficheront ici après la prochaine synchronisation avec l'Assurance Maladie.</translation>
        </message>
        <message>
            <source>As the health insurance knows you. To change any of it, write to your fund from Contact.</source>
            <translation>Telles que l'Assurance Maladie les connaît. Pour en modifier une, écrivez à votre caisse depuis Contact.</translation>
        </message>
        <message>
            <source>Your information could not be read on this workstation. If this happens again, export a diagnostic from Diagnostics for support.</source>
            <translation>Vos informations n'ont pas pu être lues sur ce poste. Si cela se reproduit, exportez un diagnostic depuis Diagnostic pour l'assistance.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Dr %1</source>
            <translation>Dr %1</translation>
        </message>
        <message>
            <source>General practitioner</source>
            <translation>Médecin généraliste</translation>
        </message>
        <message>
            <source>Doctor in training (intern)</source>
            <translation>Médecin en formation (interne)</translation>
        </message>
        <message>
            <source>Profession</source>
            <translation>Profession</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Carte</translation>
        </message>
        <message>
            <source>RPPS number</source>
            <translation>Numéro RPPS</translation>
        </message>
        <message>
            <source>National identifier</source>
            <translation>Identifiant national</translation>
        </message>
        <message>
            <source>Practice</source>
            <translation>Cabinet</translation>
        </message>
        <message>
            <source>No practice location is recorded for your account.</source>
            <translation>Aucun lieu d'exercice n'est enregistré pour votre compte.</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Billing number (numéro AM)</source>
            <translation>Numéro AM (facturation)</translation>
        </message>
        <message>
            <source>Practice mode</source>
            <translation>Mode d'exercice</translation>
        </message>
        <message>
            <source>Liberal</source>
            <translation>Libéral</translation>
        </message>
        <message>
            <source>Salaried</source>
            <translation>Salarié</translation>
        </message>
        <message>
            <source>Substitute</source>
            <translation>Remplaçant</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucun</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>non renseigné</translation>
        </message>
        <message>
            <source>Sector 1</source>
            <translation>Secteur 1</translation>
        </message>
        <message>
            <source>Sector 2</source>
            <translation>Secteur 2</translation>
        </message>
        <message>
            <source>You charge the agreed fees, without extra fees (except when a patient asks for something outside the usual care). In return the health insurance pays part of your social contributions.</source>
            <translation>Vous appliquez les tarifs de la convention, sans dépassement d'honoraires (sauf exigence particulière du patient). En contrepartie, l'Assurance Maladie prend en charge une partie de vos cotisations sociales.</translation>
        </message>
        <message>
            <source>You set your fees: you may charge extra fees above the agreed ones, with tact and moderation. Your patients are reimbursed on the agreed fees only.</source>
            <translation>Vous fixez vos honoraires : vous pouvez pratiquer des dépassements, avec tact et mesure. Vos patients sont remboursés sur la base des tarifs de la convention seulement.</translation>
        </message>
        <message>
            <source>Convention sector</source>
            <translation>Secteur conventionnel</translation>
        </message>
        <message>
            <source>Not stated</source>
            <translation>Non renseigné</translation>
        </message>
        <message>
            <source>OPTAM</source>
            <translation>OPTAM</translation>
        </message>
        <message>
            <source>OPTAM (option de pratique tarifaire maîtrisée): you commit to limit your extra fees; in return your patients are better reimbursed and some of your acts are better paid.</source>
            <translation>OPTAM (option de pratique tarifaire maîtrisée) : vous vous engagez à limiter vos dépassements ; en contrepartie, vos patients sont mieux remboursés et certains de vos actes mieux rémunérés.</translation>
        </message>
        <message>
            <source>You have not joined it.</source>
            <translation>Vous n'y avez pas adhéré.</translation>
        </message>
        <message>
            <source>You have joined it.</source>
            <translation>Vous y avez adhéré.</translation>
        </message>
        <message>
            <source>You joined it on %1.</source>
            <translation>Vous y avez adhéré le %1.</translation>
        </message>
        <message>
            <source>No bank account is recorded: your payments cannot be made by transfer. Send a bank statement (RIB) to your fund.</source>
            <translation>Aucun compte bancaire n'est enregistré : vos paiements ne peuvent pas être versés par virement. Envoyez un RIB à votre caisse.</translation>
        </message>
        <message>
            <source>IBAN</source>
            <translation>IBAN</translation>
        </message>
        <message>
            <source>Partly hidden for your safety. To change it, send a new bank statement (RIB) to your fund.</source>
            <translation>Partiellement masqué pour votre sécurité. Pour le modifier, envoyez un nouveau RIB à votre caisse.</translation>
        </message>
        <message>
            <source>You are signed in with your card. Without it, you sign in with your billing number and a password.</source>
            <translation>Vous êtes connecté avec votre carte. Sans elle, vous vous connectez avec votre numéro AM et un mot de passe.</translation>
        </message>
        <message>
            <source>Your password has expired: choose a new one at your next sign-in.</source>
            <translation>Votre mot de passe a expiré : choisissez-en un nouveau à votre prochaine connexion.</translation>
        </message>
        <message numerus="yes">
            <source>Your password expires on %1, in %n day(s): change it from a session opened with your card.</source>
            <translation>
                <numerusform>Votre mot de passe expire le %1, dans %n jour : changez-le depuis une session ouverte avec votre carte.</numerusform>
                <numerusform>Votre mot de passe expire le %1, dans %n jours : changez-le depuis une session ouverte avec votre carte.</numerusform>
            </translation>
        </message>
        <message>
            <source>Your password is valid until %1 (six months after it was chosen).</source>
            <translation>Votre mot de passe est valable jusqu'au %1 (six mois après son choix).</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <source>Card PIN</source>
            <translation>Code porteur</translation>
        </message>
        <message>
            <source>Type your code on the reader</source>
            <translation>Saisissez votre code sur le lecteur</translation>
        </message>
        <message>
            <source>The code is typed on the reader's keypad and never passes through this computer.</source>
            <translation>Le code se tape sur le clavier du lecteur et ne passe jamais par cet ordinateur.</translation>
        </message>
        <message numerus="yes">
            <source>Type your PIN (%n digit(s))</source>
            <translation>
                <numerusform>Saisissez votre code porteur (%n chiffre)</numerusform>
                <numerusform>Saisissez votre code porteur (%n chiffres)</numerusform>
            </translation>
        </message>
        <message>
            <source>Last try: a wrong PIN will block the card</source>
            <translation>Dernier essai : un code faux bloquera la carte</translation>
        </message>
        <message>
            <source>Confirm</source>
            <translation>Valider</translation>
        </message>
        <message>
            <source>Type the code again</source>
            <translation>Saisir à nouveau le code</translation>
        </message>
        <message numerus="yes">
            <source>%n try(ies) left</source>
            <translation>
                <numerusform>%n essai restant</numerusform>
                <numerusform>%n essais restants</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Problems</name>
        <message>
            <source>Sign in with your card or your password.</source>
            <translation>Connectez-vous avec votre carte ou votre mot de passe.</translation>
        </message>
        <message>
            <source>Your session has ended: sign in again.</source>
            <translation>Votre session est terminée : reconnectez-vous.</translation>
        </message>
        <message>
            <source>Your session has expired: sign in again.</source>
            <translation>Votre session a expiré : reconnectez-vous.</translation>
        </message>
        <message>
            <source>The holder has withdrawn the delegation to this CPE card: the session is closed.</source>
            <translation>Le titulaire a retiré sa délégation à cette carte CPE : la session est fermée.</translation>
        </message>
        <message>
            <source>This account is blocked (unused for six months, or reported): contact your health insurance fund.</source>
            <translation>Ce compte est bloqué (inutilisé depuis six mois ou signalé) : contactez votre caisse.</translation>
        </message>
        <message>
            <source>This card is linked to no account: ask your health insurance fund to register it.</source>
            <translation>Cette carte n'est rattachée à aucun compte : faites-la enregistrer par votre caisse.</translation>
        </message>
        <message>
            <source>This card was not issued by a trusted authority.</source>
            <translation>Cette carte n'est pas émise par une autorité de confiance.</translation>
        </message>
        <message>
            <source>This card's certificate is not valid today.</source>
            <translation>Le certificat de cette carte n'est pas valide à ce jour.</translation>
        </message>
        <message>
            <source>This is not the card that opened the session.</source>
            <translation>Cette carte n'est pas celle qui a ouvert la session.</translation>
        </message>
        <message>
            <source>Wrong identifier or password.</source>
            <translation>Identifiant ou mot de passe incorrect.</translation>
        </message>
        <message>
            <source>First sign-in or expired password: choose a new password.</source>
            <translation>Première connexion ou mot de passe expiré : choisissez un nouveau mot de passe.</translation>
        </message>
        <message>
            <source>A sign-in to this account was reported as not yours: signing in with the password is suspended. Sign in with your card and choose a new password, or ask your health insurance fund for a new first sign-in code.</source>
            <translation>Une connexion à ce compte a été signalée « ce n'était pas moi » : la connexion par mot de passe est suspendue. Connectez-vous avec votre carte et choisissez un nouveau mot de passe, ou demandez à votre caisse un nouveau code de première connexion.</translation>
        </message>
        <message>
            <source>This password was used before: choose another one.</source>
            <translation>Ce mot de passe a déjà servi : choisissez-en un autre.</translation>
        </message>
        <message>
            <source>An e-mail address cannot be used to sign in: type your health insurance (AM) number or your FINESS number.</source>
            <translation>L'adresse e-mail ne peut pas servir d'identifiant : saisissez votre numéro d'assurance maladie (AM) ou votre numéro FINESS.</translation>
        </message>
        <message>
            <source>This needs a session opened with your CPS card.</source>
            <translation>Il faut pour cela une session ouverte avec votre carte CPS.</translation>
        </message>
        <message>
            <source>Only the doctor, signed in with the CPS card, may do this.</source>
            <translation>Seul le médecin, connecté avec sa carte CPS, peut faire cela.</translation>
        </message>
        <message>
            <source>Your session does not give access to this function.</source>
            <translation>Votre session ne donne pas accès à cette fonction.</translation>
        </message>
        <message>
            <source>No doctor of the practice has delegated this function to you.</source>
            <translation>Aucun médecin du cabinet ne vous a délégué cette fonction.</translation>
        </message>
        <message>
            <source>This doctor has not delegated this function to you, or does not work in your practice.</source>
            <translation>Ce médecin ne vous a pas délégué cette fonction, ou n'exerce pas dans votre cabinet.</translation>
        </message>
        <message>
            <source>Several doctors have delegated this function to you: choose the one you act for.</source>
            <translation>Plusieurs médecins vous ont délégué cette fonction : choisissez celui pour qui vous agissez.</translation>
        </message>
        <message>
            <source>The patient's consent is needed: ask for it first.</source>
            <translation>Le consentement du patient est requis : demandez-lui d'abord son accord.</translation>
        </message>
        <message>
            <source>The patient's Vitale card is needed: insert it in the reader.</source>
            <translation>La carte Vitale du patient est requise : insérez-la dans le lecteur.</translation>
        </message>
        <message>
            <source>This Vitale card is not this patient's: insert the patient's own card.</source>
            <translation>Cette carte Vitale n'est pas celle de ce patient : insérez sa propre carte Vitale.</translation>
        </message>
        <message>
            <source>No patient of your practice is registered under this NIR.</source>
            <translation>Aucun patient de votre cabinet n'est enregistré sous ce NIR.</translation>
        </message>
        <message>
            <source>This order of forms does not exist.</source>
            <translation>Cette commande d'imprimés n'existe pas.</translation>
        </message>
        <message>
            <source>This order has already been dispatched: it can no longer be changed.</source>
            <translation>Cette commande est déjà expédiée : elle ne peut plus être modifiée.</translation>
        </message>
        <message>
            <source>This order was cancelled: place a new one.</source>
            <translation>Cette commande est annulée : passez une nouvelle commande.</translation>
        </message>
        <message>
            <source>This conversation does not exist.</source>
            <translation>Cette conversation n'existe pas.</translation>
        </message>
        <message>
            <source>Your practice has too many unfinished uploads on the back office: this scan will be sent once they are done.</source>
            <translation>Votre cabinet a trop d'envois commencés et non terminés : ce scan sera envoyé dès qu'ils le seront.</translation>
        </message>
    </context>
    <context>
        <name>QuarantineView</name>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Raison</translation>
        </message>
        <message>
            <source>Put aside</source>
            <translation>Mis de côté</translation>
        </message>
        <message>
            <source>Files in quarantine</source>
            <translation>Fichiers en quarantaine</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Ouvrir le dossier</translation>
        </message>
        <message>
            <source>Came as %1</source>
            <translation>Arrivé sous le nom %1</translation>
        </message>
        <message>
            <source>These files could not become documents. Nothing was deleted: they are kept in the quarantine folder, each with its reason. Scan the sheet again, or fix the file and import it.</source>
            <translation>Ces fichiers n'ont pas pu devenir des documents. Rien n'a été effacé : ils sont gardés dans le dossier de quarantaine, chacun avec sa raison. Numérisez de nouveau la feuille, ou corrigez le fichier et importez-le.</translation>
        </message>
        <message>
            <source>No file in quarantine: every file taken became a document.</source>
            <translation>Aucun fichier en quarantaine : chaque fichier pris est devenu un document.</translation>
        </message>
        <message>
            <source>Folder: %1</source>
            <translation>Dossier : %1</translation>
        </message>
    </context>
    <context>
        <name>ReadersView</name>
        <message>
            <source>Card readers</source>
            <translation>Lecteurs de cartes</translation>
        </message>
        <message>
            <source>Reader</source>
            <translation>Lecteur</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Carte</translation>
        </message>
        <message>
            <source>No card reader is connected.</source>
            <translation>Aucun lecteur de cartes n'est branché.</translation>
        </message>
        <message>
            <source>Empty</source>
            <translation>Vide</translation>
        </message>
        <message>
            <source>Read the card</source>
            <translation>Lire la carte</translation>
        </message>
        <message>
            <source>Read the card in %1</source>
            <translation>Lire la carte du lecteur %1</translation>
        </message>
        <message>
            <source>Professional card</source>
            <translation>Carte professionnelle</translation>
        </message>
        <message>
            <source>Carte Vitale</source>
            <translation>Carte Vitale</translation>
        </message>
        <message>
            <source>Unknown card (ATR %1)</source>
            <translation>Carte inconnue (ATR %1)</translation>
        </message>
        <message>
            <source>Reading the card…</source>
            <translation>Lecture de la carte…</translation>
        </message>
        <message>
            <source>Smart-card service unavailable</source>
            <translation>Service des cartes à puce indisponible</translation>
        </message>
        <message>
            <source>Health professional card (CPS)</source>
            <translation>Carte de professionnel de santé (CPS)</translation>
        </message>
        <message>
            <source>Card of a professional in training (CPF)</source>
            <translation>Carte de professionnel en formation (CPF)</translation>
        </message>
        <message>
            <source>Staff card (CPE)</source>
            <translation>Carte de personnel d'établissement (CPE)</translation>
        </message>
        <message>
            <source>blocked</source>
            <translation>bloqué</translation>
        </message>
        <message>
            <source>%1 tries left</source>
            <translation>%1 essais restants</translation>
        </message>
        <message>
            <source>National identifier</source>
            <translation>Identifiant national</translation>
        </message>
        <message>
            <source>Card serial</source>
            <translation>Numéro de série</translation>
        </message>
        <message>
            <source>Valid</source>
            <translation>Validité</translation>
        </message>
        <message>
            <source>from %1 to %2</source>
            <translation>du %1 au %2</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>Code porteur</translation>
        </message>
        <message>
            <source>Employer</source>
            <translation>Employeur</translation>
        </message>
        <message>
            <source>%1 (wrong key)</source>
            <translation>%1 (clé erronée)</translation>
        </message>
        <message>
            <source>born %1 — NIR %2</source>
            <translation>né(e) le %1 — NIR %2</translation>
        </message>
        <message numerus="yes">
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
            <source>The scan's file cannot be found on this computer: it cannot be sent. Scan the care sheet again and add it to the sending.</source>
            <translation>Le fichier du scan est introuvable sur ce poste : il ne peut pas être envoyé. Scannez de nouveau la feuille de soins et ajoutez-la à l'envoi.</translation>
        </message>
        <message>
            <source>No secure keyring is available: the encryption key is kept in %1, readable by this account only.</source>
            <translation>Aucun trousseau sécurisé n'est disponible : la clé de chiffrement est gardée dans %1, lisible par ce seul compte.</translation>
        </message>
        <message>
            <source>The system keyring does not answer (%2): the encryption key is kept in %1, readable by this account only.</source>
            <translation>Le trousseau du système ne répond pas (%2) : la clé de chiffrement est gardée dans %1, lisible par ce seul compte.</translation>
        </message>
        <message>
            <source>This action was saved by another version of Cabinet and cannot be sent: do it again.</source>
            <translation>Cette action a été enregistrée par une autre version de Cabinet et ne peut pas être envoyée : refaites-la.</translation>
        </message>
        <message>
            <source>Billing</source>
            <translation>Facturation</translation>
        </message>
        <message>
            <source>A patient's rights</source>
            <translation>Droits d'un patient</translation>
        </message>
        <message>
            <source>Payment follow-up</source>
            <translation>Suivi des paiements</translation>
        </message>
        <message>
            <source>Other request</source>
            <translation>Autre demande</translation>
        </message>
    </context>
    <context>
        <name>Refusals</name>
        <message>
            <source>The file is empty.</source>
            <translation>Le fichier est vide.</translation>
        </message>
        <message>
            <source>The file is too large for a scanned sheet.</source>
            <translation>Le fichier est trop gros pour une feuille numérisée.</translation>
        </message>
        <message>
            <source>This is not a PDF, JPEG, PNG or TIFF file.</source>
            <translation>Ce n'est pas un fichier PDF, JPEG, PNG ou TIFF.</translation>
        </message>
        <message>
            <source>The file is damaged or incomplete: scan the sheet again.</source>
            <translation>Le fichier est abîmé ou incomplet : numérisez de nouveau la feuille.</translation>
        </message>
        <message>
            <source>The PDF is protected by a password or encrypted.</source>
            <translation>Le PDF est protégé par un mot de passe ou chiffré.</translation>
        </message>
        <message>
            <source>The PDF contains scripts or actions: it is not a plain scan.</source>
            <translation>Le PDF contient des scripts ou des actions : ce n'est pas une simple numérisation.</translation>
        </message>
        <message>
            <source>The PDF carries attached files: it is not a plain scan.</source>
            <translation>Le PDF contient des fichiers joints : ce n'est pas une simple numérisation.</translation>
        </message>
        <message>
            <source>The file has too many pages for a care sheet.</source>
            <translation>Le fichier a trop de pages pour une feuille de soins.</translation>
        </message>
        <message>
            <source>The image's size matches no scanned sheet.</source>
            <translation>Les dimensions de l'image ne correspondent à aucune feuille numérisée.</translation>
        </message>
        <message>
            <source>The image is far too large once opened: it may be a trap.</source>
            <translation>L'image est beaucoup trop grande une fois ouverte : ce peut être un piège.</translation>
        </message>
        <message>
            <source>The PDF is far too complex for a scan.</source>
            <translation>Le PDF est bien trop complexe pour une numérisation.</translation>
        </message>
        <message>
            <source>No reason was recorded for this file.</source>
            <translation>Aucune raison n'a été notée pour ce fichier.</translation>
        </message>
        <message>
            <source>Refused (%1).</source>
            <translation>Refusé (%1).</translation>
        </message>
    </context>
    <context>
        <name>RejectCodes</name>
        <message>
            <source>Rights closed</source>
            <extracomment>code -&gt; (title, cause, fix): a few words for the list, then the cause and the fix in sentences</extracomment>
            <translation>Droits fermés</translation>
        </message>
        <message>
            <source>The patient's rights were closed on the date of care.</source>
            <translation>Les droits du patient étaient fermés à la date des soins.</translation>
        </message>
        <message>
            <source>Check the patient's rights (ADRi) or have the carte Vitale updated, then send the invoice again; failing that, have the patient pay.</source>
            <translation>Vérifiez ses droits (ADRi) ou faites mettre à jour sa carte Vitale, puis renvoyez la facture ; à défaut, faites régler le patient.</translation>
        </message>
        <message>
            <source>Patient's identity</source>
            <translation>Identité du patient</translation>
        </message>
        <message>
            <source>The patient's NIR and birth date do not match (birth date or birth rank mistyped).</source>
            <translation>Le NIR et la date de naissance du patient ne concordent pas (date ou rang de naissance mal saisi).</translation>
        </message>
        <message>
            <source>Correct the patient's identity in your practice software, then send the invoice again.</source>
            <translation>Corrigez l'identité du patient dans votre logiciel, puis renvoyez la facture.</translation>
        </message>
        <message>
            <source>Duplicate invoice</source>
            <translation>Facture en double</translation>
        </message>
        <message>
            <source>Duplicate invoice: an identical invoice (same patient, date and act) has already been paid.</source>
            <translation>Facture en double : une facture identique (même patient, même date, même acte) a déjà été payée.</translation>
        </message>
        <message>
            <source>Do not send it again: cancel it in your practice software.</source>
            <translation>Ne la renvoyez pas : annulez-la dans votre logiciel.</translation>
        </message>
        <message>
            <source>Supporting document</source>
            <translation>Pièce justificative</translation>
        </message>
        <message>
            <source>Supporting document not received: the invoice was sent without the carte Vitale and its signed care sheet has not arrived.</source>
            <translation>Pièce justificative non reçue : la facture a été envoyée sans carte Vitale et sa feuille de soins signée n'est pas parvenue.</translation>
        </message>
        <message>
            <source>Send the care sheet through SCOR (Documents section): the invoice will then be processed again.</source>
            <translation>Envoyez la feuille de soins par SCOR (rubrique Documents) : la facture sera alors reprise.</translation>
        </message>
        <message>
            <source>ALD exemption</source>
            <translation>Exonération ALD</translation>
        </message>
        <message>
            <source>ALD exemption not justified: the act is not related to the patient's ALD, or the ALD has ended.</source>
            <translation>Exonération ALD non justifiée : l'acte est sans rapport avec l'ALD du patient, ou l'ALD a pris fin.</translation>
        </message>
        <message>
            <source>Invoice again without the exemption: the co-payment is due by the patient or his complementary insurance.</source>
            <translation>Refacturez sans exonération : le ticket modérateur est à la charge du patient ou de sa complémentaire.</translation>
        </message>
        <message>
            <source>Act and age</source>
            <translation>Acte et âge</translation>
        </message>
        <message>
            <source>Act not allowed at the patient's age: the compulsory child consultation (COE) and the child supplement are for certain ages only.</source>
            <translation>Acte incompatible avec l'âge du patient : la consultation obligatoire de l'enfant (COE) et la majoration enfant sont réservées à certains âges.</translation>
        </message>
        <message>
            <source>Check the birth date or choose the right act code, then send the invoice again.</source>
            <translation>Vérifiez la date de naissance ou choisissez le bon code d'acte, puis renvoyez la facture.</translation>
        </message>
        <message>
            <source>Care pathway</source>
            <translation>Parcours de soins</translation>
        </message>
        <message>
            <source>Care pathway not followed: you are not the declared médecin traitant and no reason (emergency, replacement, away from home) is given.</source>
            <translation>Parcours de soins non respecté : vous n'êtes pas le médecin traitant déclaré et aucun motif (urgence, remplacement, hors résidence) n'est indiqué.</translation>
        </message>
        <message>
            <source>Add the care pathway indicator, then send the invoice again.</source>
            <translation>Ajoutez l'indicateur de parcours de soins, puis renvoyez la facture.</translation>
        </message>
        <message>
            <source>Date of care</source>
            <translation>Date des soins</translation>
        </message>
        <message>
            <source>Invalid date of care: after the batch was sent, or older than two years and three months.</source>
            <translation>Date des soins invalide : postérieure à l'envoi du lot, ou plus ancienne que deux ans et trois mois.</translation>
        </message>
        <message>
            <source>Correct the date of care, then send the invoice again.</source>
            <translation>Corrigez la date des soins, puis renvoyez la facture.</translation>
        </message>
        <message>
            <source>Reject code %1, which this version of Cabinet does not know.</source>
            <translation>Code de rejet %1, que cette version de Cabinet ne connaît pas.</translation>
        </message>
        <message>
            <source>The health insurance gave no reject code.</source>
            <translation>L'Assurance Maladie n'a pas donné de code de rejet.</translation>
        </message>
        <message>
            <source>The health insurance says: « %1 »</source>
            <translation>L'Assurance Maladie indique : « %1 »</translation>
        </message>
        <message>
            <source>Ask your fund why this invoice was rejected (Contact section).</source>
            <translation>Demandez à votre caisse pourquoi cette facture a été rejetée (rubrique Contact).</translation>
        </message>
        <message>
            <source>Code %1</source>
            <translation>Code %1</translation>
        </message>
    </context>
    <context>
        <name>RejectsModel</name>
        <message>
            <source>New</source>
            <translation>Nouveau</translation>
        </message>
        <message>
            <source>To correct</source>
            <translation>À corriger</translation>
        </message>
        <message>
            <source>Treated, to send</source>
            <translation>Traité, à envoyer</translation>
        </message>
        <message>
            <source>Treated</source>
            <translation>Traité</translation>
        </message>
        <message>
            <source>%1 · act %2</source>
            <translation>%1 · acte %2</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Rejected on</source>
            <translation>Rejetée le</translation>
        </message>
        <message>
            <source>Patient's NIR</source>
            <translation>NIR du patient</translation>
        </message>
        <message>
            <source>Born on</source>
            <translation>Né(e) le</translation>
        </message>
        <message>
            <source>Care</source>
            <translation>Soins</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Invoice / batch</source>
            <translation>Facture / lot</translation>
        </message>
        <message>
            <source>Cause</source>
            <translation>Motif</translation>
        </message>
    </context>
    <context>
        <name>RejectsPresenter</name>
        <message>
            <source>The rejects kept on this workstation could not be read.</source>
            <translation>Les rejets gardés sur ce poste n'ont pas pu être lus.</translation>
        </message>
        <message>
            <source>The mark could not be saved on this workstation: try again.</source>
            <translation>La marque « Traité » n'a pas pu être enregistrée sur ce poste : réessayez.</translation>
        </message>
        <message>
            <source>A rejected invoice marked treated</source>
            <translation>Une facture rejetée marquée « Traité »</translation>
        </message>
        <message>
            <source>Invoice %1 of batch %2 marked treated</source>
            <translation>Facture %1 du lot %2 marquée « Traité »</translation>
        </message>
    </context>
    <context>
        <name>RejectsView</name>
        <message>
            <source>Rejects</source>
            <translation>Rejets</translation>
        </message>
        <message>
            <source>Invoices the health insurance rejected, with the cause and what to do. Once an invoice is corrected, mark it treated: the practice's other workstations see it too.</source>
            <translation>Les factures rejetées par l'Assurance Maladie, avec le motif et ce qu'il faut faire. Une fois une facture corrigée, marquez-la « Traité » : les autres postes du cabinet le verront aussi.</translation>
        </message>
        <message>
            <source>To correct</source>
            <translation>À corriger</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Toutes</translation>
        </message>
        <message>
            <source>Rejected invoices</source>
            <translation>Factures rejetées</translation>
        </message>
        <message>
            <source>Mark as treated</source>
            <translation>Marquer « Traité »</translation>
        </message>
        <message numerus="yes">
            <source>%n invoice(s) to correct</source>
            <translation>
                <numerusform>%n facture à corriger</numerusform>
                <numerusform>%n factures à corriger</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n rejected invoice(s)</source>
            <translation>
                <numerusform>%n facture rejetée</numerusform>
                <numerusform>%n factures rejetées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new</source>
            <translation>
                <numerusform>%n nouvelle</numerusform>
                <numerusform>%n nouvelles</numerusform>
            </translation>
        </message>
        <message>
            <source>No rejected invoice to correct: nothing to do here.</source>
            <translation>Aucune facture rejetée à corriger : rien à faire ici.</translation>
        </message>
        <message>
            <source>No rejected invoice on this workstation yet.</source>
            <translation>Aucune facture rejetée sur ce poste pour l'instant.</translation>
        </message>
        <message>
            <source>Select a rejected invoice to see why it was rejected and what to do.</source>
            <translation>Sélectionnez une facture rejetée pour voir pourquoi elle l'a été et ce qu'il faut faire.</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>À faire : %1</translation>
        </message>
        <message>
            <source>Patient %1, born %2 · care of %3, act %4, %5 · invoice %6, batch %7 · rejected on %8 (code %9)</source>
            <translation>Patient %1, né(e) le %2 · soins du %3, acte %4, %5 · facture %6, lot %7 · rejetée le %8 (code %9)</translation>
        </message>
    </context>
    <context>
        <name>ScannerDialog</name>
        <message>
            <source>Greyscale</source>
            <translation>Niveaux de gris</translation>
        </message>
        <message>
            <source>Black and white</source>
            <translation>Noir et blanc</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Couleur</translation>
        </message>
        <message>
            <source>Document feeder</source>
            <translation>Chargeur</translation>
        </message>
        <message>
            <source>Glass</source>
            <translation>Vitre</translation>
        </message>
        <message>
            <source>Scan care sheets</source>
            <translation>Numériser des feuilles de soins</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Résolution</translation>
        </message>
        <message>
            <source>%1 dpi</source>
            <translation>%1 dpi</translation>
        </message>
        <message>
            <source>Colours</source>
            <translation>Couleurs</translation>
        </message>
        <message>
            <source>Paper from</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>&amp;Scanner</source>
            <translation>&amp;Scanner</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>&amp;Résolution</translation>
        </message>
        <message>
            <source>&amp;Colours</source>
            <translation>C&amp;ouleurs</translation>
        </message>
        <message>
            <source>&amp;Paper from</source>
            <translation>S&amp;ource</translation>
        </message>
        <message>
            <source>No scanner found. Check that it is plugged in and switched on, then open this window again.</source>
            <translation>Aucun scanner trouvé. Vérifiez qu'il est branché et allumé, puis rouvrez cette fenêtre.</translation>
        </message>
        <message>
            <source>Scanning</source>
            <translation>Numérisation</translation>
        </message>
        <message>
            <source>Scan</source>
            <translation>Numériser</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Put the care sheets in the feeder or on the glass, then choose Scan.</source>
            <translation>Posez les feuilles de soins dans le chargeur ou sur la vitre, puis choisissez « Numériser ».</translation>
        </message>
        <message>
            <source>Page %1 scanned…</source>
            <translation>Page %1 numérisée…</translation>
        </message>
        <message>
            <source>Scanning…</source>
            <translation>Numérisation en cours…</translation>
        </message>
        <message>
            <source>Stopping after the current page…</source>
            <translation>Arrêt après la page en cours…</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Arrêter</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
    </context>
    <context>
        <name>Scopes</name>
        <message>
            <source>Payments</source>
            <translation>Paiements</translation>
        </message>
        <message>
            <source>Form orders</source>
            <translation>Commandes d'imprimés</translation>
        </message>
        <message>
            <source>Messages to your fund (Contact)</source>
            <translation>Messages à votre caisse (Contact)</translation>
        </message>
        <message>
            <source>Scanned documents (SCOR)</source>
            <translation>Documents scannés (SCOR)</translation>
        </message>
    </context>
    <context>
        <name>SecretDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
    </context>
    <context>
        <name>SectionPage</name>
        <message>
            <source>Data freshness</source>
            <translation>Fraîcheur des données</translation>
        </message>
        <message>
            <source>The data shown is this workstation's copy; it stays readable offline.</source>
            <translation>Les données affichées sont la copie de ce poste : elles restent consultables hors connexion.</translation>
        </message>
    </context>
    <context>
        <name>Sections</name>
        <message>
            <source>Home</source>
            <translation>Accueil</translation>
        </message>
        <message>
            <source>Payments</source>
            <translation>Paiements</translation>
        </message>
        <message>
            <source>Rejects</source>
            <translation>Rejets</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>ALD</source>
            <translation>ALD</translation>
        </message>
        <message>
            <source>Form orders</source>
            <translation>Commandes d'imprimés</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Contact</translation>
        </message>
        <message>
            <source>Personal information</source>
            <translation>Informations personnelles</translation>
        </message>
        <message>
            <source>Activity</source>
            <translation>Activité</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Diagnostics</source>
            <translation>Diagnostic</translation>
        </message>
        <message>
            <source>Delegations</source>
            <translation>Délégations</translation>
        </message>
        <message>
            <source>Recent sign-ins</source>
            <translation>Dernières connexions</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Professional card</source>
            <translation>Carte professionnelle</translation>
        </message>
        <message>
            <source>Carte Vitale</source>
            <translation>Carte Vitale</translation>
        </message>
        <message>
            <source>Unknown card</source>
            <translation>Carte inconnue</translation>
        </message>
        <message>
            <source>Card removed: Cabinet is locked.</source>
            <translation>Carte retirée : Cabinet est verrouillé.</translation>
        </message>
        <message>
            <source>Another card was inserted: Cabinet is locked.</source>
            <translation>Une autre carte a été insérée : Cabinet est verrouillé.</translation>
        </message>
        <message>
            <source>Locked after a while without activity.</source>
            <translation>Verrouillé après un moment sans activité.</translation>
        </message>
        <message>
            <source>Cabinet is locked.</source>
            <translation>Cabinet est verrouillé.</translation>
        </message>
        <message>
            <source>PIN entry cancelled.</source>
            <translation>Saisie du code porteur annulée.</translation>
        </message>
        <message>
            <source>The sign-in failed.</source>
            <translation>La connexion a échoué.</translation>
        </message>
        <message>
            <source>The session has ended.</source>
            <translation>La session est terminée.</translation>
        </message>
        <message>
            <source>The session without a card has ended: sign in again.</source>
            <translation>La session sans carte est terminée : connectez-vous à nouveau.</translation>
        </message>
        <message>
            <source>Every session of your account has been closed. Signing in with the password is suspended until you choose a new one from a session opened with your card.</source>
            <translation>Toutes les sessions de votre compte ont été fermées. La connexion par mot de passe est suspendue jusqu'à ce que vous en choisissiez un nouveau depuis une session ouverte avec votre carte.</translation>
        </message>
    </context>
    <context>
        <name>ShellView</name>
        <message>
            <source>Sections</source>
            <translation>Sections</translation>
        </message>
        <message>
            <source>Some sections are hidden: the medical ones (patients, ALD, activity) are the doctor's alone; the others, your doctor can delegate to your card from “Delegations”.</source>
            <translation>Certaines sections sont masquées : les sections médicales (patients, ALD, activité) sont réservées au médecin ; les autres, votre médecin peut les déléguer à votre carte depuis « Délégations ».</translation>
        </message>
        <message>
            <source>Cabinet</source>
            <translation>Cabinet</translation>
        </message>
    </context>
    <context>
        <name>Sizes</name>
        <message>
            <source>%1 GB</source>
            <translation>%1 Go</translation>
        </message>
        <message>
            <source>%1 MB</source>
            <translation>%1 Mo</translation>
        </message>
        <message>
            <source>%1 KB</source>
            <translation>%1 Ko</translation>
        </message>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n octet</numerusform>
                <numerusform>%n octets</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatusBarView</name>
        <message>
            <source>Card and reader</source>
            <translation>Carte et lecteur</translation>
        </message>
        <message>
            <source>Signed in</source>
            <translation>Professionnel connecté</translation>
        </message>
        <message>
            <source>Shared workstation: pull your card to lock</source>
            <translation>Poste partagé : retirez votre carte pour verrouiller</translation>
        </message>
        <message>
            <source>Synchronization</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>Documents waiting</source>
            <translation>Documents en attente</translation>
        </message>
        <message>
            <source>Synchronize now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Fetch the back office's news and send what is waiting</source>
            <translation>Récupérer les nouveautés du service et envoyer ce qui attend</translation>
        </message>
        <message numerus="yes">
            <source>%n document(s) waiting to be sent</source>
            <translation>
                <numerusform>%n document en attente d'envoi</numerusform>
                <numerusform>%n documents en attente d'envoi</numerusform>
            </translation>
        </message>
        <message>
            <source>Signed in with a password</source>
            <translation>Connexion par mot de passe</translation>
        </message>
        <message>
            <source>%1 in %2</source>
            <translation>%1 dans %2</translation>
        </message>
    </context>
    <context>
        <name>SyncErrors</name>
        <message>
            <source>The exchange with the back office failed.</source>
            <translation>L'échange avec le service en ligne a échoué.</translation>
        </message>
        <message>
            <source>The back office cannot be reached: check the network. Your data stays available offline.</source>
            <translation>Le service en ligne est injoignable : vérifiez le réseau. Vos données restent consultables hors ligne.</translation>
        </message>
        <message>
            <source>The back office is unavailable for the moment: it will be tried again shortly.</source>
            <translation>Le service en ligne est momentanément indisponible : un nouvel essai sera fait sous peu.</translation>
        </message>
        <message>
            <source>Your session has ended: sign in again.</source>
            <translation>Votre session est terminée : reconnectez-vous.</translation>
        </message>
        <message>
            <source>The back office refused the sign-in.</source>
            <translation>Le service en ligne a refusé la connexion.</translation>
        </message>
        <message>
            <source>Your session does not give access to this function.</source>
            <translation>Votre session ne donne pas accès à cette fonction.</translation>
        </message>
        <message>
            <source>The back office refused this request.</source>
            <translation>Le service en ligne a refusé cette demande.</translation>
        </message>
        <message>
            <source>The back office sent an answer that cannot be used. If this lasts, contact support.</source>
            <translation>Le service en ligne a envoyé une réponse inutilisable. Si cela persiste, contactez l'assistance.</translation>
        </message>
        <message>
            <source>The back office is under maintenance until %1. Your data stays available offline.</source>
            <translation>Le service en ligne est en maintenance jusqu'à %1. Vos données restent consultables hors ligne.</translation>
        </message>
    </context>
    <context>
        <name>_CardDialog</name>
        <message>
            <source>Checking the code…</source>
            <translation>Vérification du code…</translation>
        </message>
    </context>
    <context>
        <name>_Panel</name>
        <message>
            <source>Chart: %1 (its figures are in the table below)</source>
            <translation>Graphique : %1 (ses chiffres sont dans le tableau en dessous)</translation>
        </message>
    </context>
</TS>