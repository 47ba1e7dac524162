<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>CardErrors</name>
    <message numerus="yes">
        <location filename="../../desktop_app/messages.py" line="133"/>
        <source>Wrong PIN: %n try(ies) left.</source>
        <translation>
            <numerusform>Wrong PIN: %n try left.</numerusform>
            <numerusform>Wrong PIN: %n tries left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadersView</name>
    <message numerus="yes">
        <location filename="../../desktop_app/views/readers.py" line="121"/>
        <source>Carte Vitale — %n person(s)</source>
        <translation>
            <numerusform>Carte Vitale — %n person</numerusform>
            <numerusform>Carte Vitale — %n people</numerusform>
        </translation>
    </message>
</context>
</TS>
