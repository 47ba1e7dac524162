<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CardErrors</name>
    <message>
        <location filename="../../desktop_app/messages.py" line="13"/>
        <source>The card was removed before it could be read.</source>
        <translation>La carte a été retirée avant d&apos;avoir pu être lue.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="14"/>
        <source>The card reader was disconnected.</source>
        <translation>Le lecteur de cartes a été débranché.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="16"/>
        <source>The smart-card service (pcscd) is not running.</source>
        <translation>Le service des cartes à puce (pcscd) n&apos;est pas démarré.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="17"/>
        <source>There is no card in the reader.</source>
        <translation>Il n&apos;y a pas de carte dans le lecteur.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="18"/>
        <source>The card is blocked after three wrong PINs. Unblock it with its PUK code.</source>
        <translation>La carte est bloquée après trois codes porteur erronés. Débloquez-la avec son code PUK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="20"/>
        <source>The card&apos;s PIN is needed first.</source>
        <translation>Le code porteur de la carte doit d&apos;abord être saisi.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="21"/>
        <source>The PIN is made of 4 digits.</source>
        <translation>Le code porteur comporte 4 chiffres.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="22"/>
        <source>This card does not hold the expected data: is it a CPS or a Vitale card?</source>
        <translation>Cette carte ne contient pas les données attendues : est-ce bien une CPS ou une carte Vitale ?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="24"/>
        <source>The card answered with unreadable data. Try another reader or card.</source>
        <translation>La carte a répondu par des données illisibles. Essayez un autre lecteur ou une autre carte.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/messages.py" line="31"/>
        <source>Wrong PIN: %n try(ies) left.</source>
        <translation>
            <numerusform>Code porteur erroné : %n essai restant.</numerusform>
            <numerusform>Code porteur erroné : %n essais restants.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/messages.py" line="38"/>
        <source>The card refused the operation (code %1).</source>
        <translation>La carte a refusé l&apos;opération (code %1).</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../desktop_app/demo.py" line="29"/>
        <source>CPS — general practitioner</source>
        <translation>CPS — médecin généraliste</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="30"/>
        <source>CPF — intern</source>
        <translation>CPF — interne</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="31"/>
        <source>CPE — secretary</source>
        <translation>CPE — secrétaire</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="32"/>
        <source>Carte Vitale — family</source>
        <translation>Carte Vitale — famille</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="33"/>
        <source>CPS — PIN blocked</source>
        <translation>CPS — code bloqué</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="34"/>
        <source>CPS — expired</source>
        <translation>CPS — expirée</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="60"/>
        <source>Slot %1</source>
        <translation>Fente %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/demo.py" line="66"/>
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
        <location filename="../../desktop_app/views/readers.py" line="101"/>
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
        <location filename="../../desktop_app/views/readers.py" line="98"/>
        <source>blocked</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="99"/>
        <source>%1 tries left</source>
        <translation>%1 essais restants</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="102"/>
        <source>National identifier</source>
        <translation>Identifiant national</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="103"/>
        <source>Card serial</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="104"/>
        <source>Valid</source>
        <translation>Validité</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="104"/>
        <source>from %1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="106"/>
        <source>PIN</source>
        <translation>Code porteur</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="109"/>
        <source>Employer</source>
        <translation>Employeur</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="118"/>
        <source>%1 (wrong key)</source>
        <translation>%1 (clé erronée)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/views/readers.py" line="120"/>
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
</TS>
