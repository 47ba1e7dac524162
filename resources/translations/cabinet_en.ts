<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>CardErrors</name>
        <message numerus="yes">
            <source>Wrong PIN: %n try(ies) left.</source>
            <translation>
                <numerusform>Wrong PIN: %n try left.</numerusform>
                <numerusform>Wrong PIN: %n tries left.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message numerus="yes">
            <source>Your password expires in %n day(s).</source>
            <translation>
                <numerusform>Your password expires in %n day.</numerusform>
                <numerusform>Your password expires in %n days.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message numerus="yes">
            <source>Type your PIN (%n digit(s))</source>
            <translation>
                <numerusform>Type your PIN (%n digit)</numerusform>
                <numerusform>Type your PIN (%n digits)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n try(ies) left</source>
            <translation>
                <numerusform>%n try left</numerusform>
                <numerusform>%n tries left</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReadersView</name>
        <message numerus="yes">
            <source>Carte Vitale — %n person(s)</source>
            <translation>
                <numerusform>Carte Vitale — %n person</numerusform>
                <numerusform>Carte Vitale — %n people</numerusform>
            </translation>
        </message>
    </context>
</TS>