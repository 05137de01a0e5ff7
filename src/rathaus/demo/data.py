"""The demo city as data: Ämter, Aktenplan excerpt, users, case titles."""

AEMTER = (
    ('10', 'Hauptamt'),
    ('20', 'Kämmerei'),
    ('32', 'Ordnungsamt'),
    ('33', 'Bürgeramt'),
    ('37', 'Feuerwehr'),
    ('40', 'Schulamt'),
    ('50', 'Sozialamt'),
    ('51', 'Jugendamt'),
    ('61', 'Stadtplanungsamt'),
    ('63', 'Bauordnungsamt'),
    ('66', 'Tiefbauamt'),
)

# (key, title, retention years); nesting follows the key
AKTENPLAN = (
    ('10', 'Hauptverwaltung', 10),
    ('10.10', 'Organisation', 10),
    ('10.10.01', 'Geschäftsverteilung', 10),
    ('10.20', 'Personal', 30),
    ('10.20.01', 'Stellenbesetzungen', 6),
    ('20', 'Finanzverwaltung', 10),
    ('20.10', 'Haushalt', 10),
    ('20.10.01', 'Haushaltsplan', 10),
    ('20.30', 'Steuern und Abgaben', 10),
    ('20.30.01', 'Hundesteuer', 10),
    ('20.30.02', 'Grundsteuer', 10),
    ('20.30.03', 'Gewerbesteuer', 10),
    ('32', 'Öffentliche Sicherheit und Ordnung', 10),
    ('32.10', 'Gewerbeangelegenheiten', 10),
    ('32.10.01', 'Gewerbeanmeldungen', 5),
    ('32.10.05', 'Gaststättenerlaubnisse', 10),
    ('32.20', 'Fundsachen', 3),
    ('32.20.01', 'Fundsachenverwaltung', 3),
    ('32.30', 'Ordnungswidrigkeiten', 5),
    ('32.30.01', 'Ruhestörungen und Lärmbeschwerden', 5),
    ('32.40', 'Hundehaltung', 10),
    ('32.40.01', 'Gefährliche Hunde', 10),
    ('33', 'Bürgerdienste', 5),
    ('33.10', 'Meldewesen', 5),
    ('33.10.01', 'Meldeangelegenheiten', 5),
    ('33.20', 'Pass- und Ausweiswesen', 5),
    ('33.20.01', 'Ausweisangelegenheiten', 5),
    ('37', 'Brandschutz', 10),
    ('37.10', 'Vorbeugender Brandschutz', 30),
    ('37.10.01', 'Brandverhütungsschauen', 30),
    ('40', 'Schulverwaltung', 10),
    ('40.10', 'Schulträgeraufgaben', 10),
    ('40.10.01', 'Schülerbeförderung', 5),
    ('50', 'Soziale Leistungen', 10),
    ('50.10', 'Sozialhilfe', 10),
    ('50.10.01', 'Hilfe zum Lebensunterhalt', 10),
    ('50.20', 'Wohngeld', 6),
    ('50.20.01', 'Wohngeldanträge', 6),
    ('51', 'Kinder- und Jugendhilfe', 10),
    ('51.10', 'Kindertagesbetreuung', 10),
    ('51.10.01', 'Elternbeiträge Kindertagesstätten', 10),
    ('51.20', 'Hilfen zur Erziehung', 25),
    ('51.20.01', 'Erziehungsbeistandschaften', 25),
    ('61', 'Stadtplanung', 30),
    ('61.10', 'Bauleitplanung', 0),
    ('61.10.01', 'Bebauungspläne', 0),
    ('63', 'Bauordnung', 30),
    ('63.10', 'Baugenehmigungen', 30),
    ('63.10.01', 'Bauanträge', 30),
    ('63.10.02', 'Bauvoranfragen', 10),
    ('63.20', 'Bauaufsicht', 30),
    ('63.20.01', 'Baulasten', 0),
    ('66', 'Tiefbau', 10),
    ('66.10', 'Straßenunterhaltung', 10),
    ('66.10.01', 'Straßenschäden und Mängelmeldungen', 5),
    ('66.20', 'Straßenbeleuchtung', 10),
    ('66.20.01', 'Leuchtenstörungen', 5),
)

# Amt -> plan positions it opens Akten under, with Akte and Vorgang titles
CASES = {
    '10': [('10.10.01', 'Geschäftsverteilungsplan {year}',
            ['Änderung Zuständigkeit Poststelle', 'Neuordnung Sachgebiet IT']),
           ('10.20.01', 'Stellenausschreibung Sachbearbeitung {n}',
            ['Bewerbungsverfahren', 'Auswahlgespräche'])],
    '20': [('20.30.01', 'Hundesteuer Bezirk {street}',
            ['Anmeldung eines Hundes', 'Abmeldung eines Hundes',
             'Steuerermäßigung Blindenführhund']),
           ('20.30.02', 'Grundsteuer {street} {n}',
            ['Grundsteuerbescheid', 'Widerspruch Grundsteuerbescheid']),
           ('20.10.01', 'Haushaltsplan {year}', ['Haushaltssatzung'])],
    '32': [('32.10.05', 'Gaststätte „{pub}“',
            ['Antrag auf Gaststättenerlaubnis', 'Sperrzeitverkürzung',
             'Außengastronomie']),
           ('32.20.01', 'Fundsachen {month} {year}',
            ['Fundsache Fahrrad', 'Fundsache Geldbörse', 'Fundsache Schlüssel']),
           ('32.30.01', 'Lärmbeschwerden {street}',
            ['Beschwerde nächtliche Ruhestörung', 'Anhörung Betroffener']),
           ('32.40.01', 'Gefährlicher Hund {dog}',
            ['Wesenstest', 'Leinen- und Maulkorbpflicht'])],
    '33': [('33.10.01', 'Meldeangelegenheiten {street}',
            ['Ummeldung', 'Auskunftssperre']),
           ('33.20.01', 'Ausweisangelegenheiten {n}',
            ['Verlustanzeige Personalausweis'])],
    '37': [('37.10.01', 'Brandverhütungsschau {school}',
            ['Begehung', 'Mängelbeseitigung'])],
    '40': [('40.10.01', 'Schülerbeförderung {school}',
            ['Antrag Fahrkostenerstattung', 'Schulwegprüfung'])],
    '50': [('50.10.01', 'Hilfe zum Lebensunterhalt Fall {n}',
            ['Erstantrag', 'Weiterbewilligung']),
           ('50.20.01', 'Wohngeld Fall {n}',
            ['Wohngeldantrag', 'Nachweis Einkommen'])],
    '51': [('51.10.01', 'Elternbeiträge Kita {kita}',
            ['Beitragsfestsetzung', 'Antrag auf Beitragsbefreiung']),
           ('51.20.01', 'Erziehungsbeistandschaft Fall {n}',
            ['Hilfeplan', 'Fortschreibung Hilfeplan'])],
    '61': [('61.10.01', 'Bebauungsplan Nr. {n} „{area}“',
            ['Aufstellungsbeschluss', 'Frühzeitige Beteiligung'])],
    '63': [('63.10.01', 'Bauantrag {street} {n}',
            ['Bauantrag Einfamilienhaus', 'Nachforderung Unterlagen',
             'Stellungnahme Brandschutz']),
           ('63.10.02', 'Bauvoranfrage {street} {n}', ['Bauvoranfrage']),
           ('63.20.01', 'Baulast {street} {n}', ['Eintragung Baulast'])],
    '66': [('66.10.01', 'Straßenschäden {street}',
            ['Schlagloch Fahrbahn', 'Gehweg abgesenkt']),
           ('66.20.01', 'Leuchtenstörungen {street}',
            ['Straßenlaterne defekt', 'Leuchtmittel flackert'])],
}

STREETS = ('Hauptstraße', 'Schulstraße', 'Gartenweg', 'Bahnhofstraße',
           'Lindenallee', 'Kirchplatz', 'Mühlenweg', 'Am Markt',
           'Rosenstraße', 'Bergstraße', 'Waldweg', 'Ringstraße')
PUBS = ('Zum Goldenen Löwen', 'Ratskeller', 'Alte Post', 'Brauhaus am Markt',
        'Café Lindenblüte')
DOGS = ('„Rex“', '„Bella“', '„Hasso“', '„Luna“')
SCHOOLS = ('Grundschule Lindenallee', 'Gesamtschule Musterstadt',
           'Gymnasium am Markt')
KITAS = ('Sonnenschein', 'Regenbogen', 'Pusteblume')
AREAS = ('Am Mühlenbach', 'Gewerbegebiet Nord', 'Ortskern')
MONTHS = ('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli',
          'August', 'September', 'Oktober', 'November', 'Dezember')

DOKUMENT_KINDS = (
    ('Antrag', 'Antrag vom {date}'),
    ('Schreiben', 'Schreiben an Antragsteller'),
    ('Vermerk', 'Aktenvermerk'),
    ('Stellungnahme', 'Stellungnahme Fachamt'),
    ('Bescheid', 'Bescheid'),
)

DEMO_PASSWORD = 'demo'

# login, role, Ämter (for Amt roles), description
USERS = (
    ('registratur', 'registratur', (), 'Rita Registratur (Registratur)'),
    ('verwaltung', 'administration', (), 'Adam Administration'),
    ('amtsleitung', 'amtsleitung', ('32',), 'Anna Amtsleitung (32)'),
    ('sachbearbeitung', 'sachbearbeitung', ('32', '20'),
     'Sven Sachbearbeitung (32, 20)'),
    ('bauamt', 'sachbearbeitung', ('63',), 'Bea Bauamt (63)'),
    ('lesen', 'lesen', ('32',), 'Lena Lesen (32, nur lesen)'),
)

# The technical user the transfer files online applications as; it gets
# Sachbearbeitung only in the Ämter the portal's services route to.
TRANSFER_LOGIN = 'transfer'
TRANSFER_AEMTER = ('20', '32', '33', '66')

# Found items of the Fundbüro (32.20.01), published to the portal's
# register: (category, public description, internal description, days
# ago, exact place, public place, finder, finder's contact, storage)
FUNDSACHEN = (
    ('schluessel', 'Schlüsselbund mit drei Schlüsseln und rotem Anhänger',
     'Anhänger mit Aufschrift „Ostsee“, ein Fahrradschlüssel', 3,
     'Bank am Brunnen, Am Markt', 'Innenstadt', 'Frieda Finder',
     'frieda.finder@example.org', 'Regal A, Fach 1'),
    ('geldboerse', 'Schwarze Geldbörse aus Leder',
     'Inhalt: 35 Euro, Bibliotheksausweis', 6,
     'Bushaltestelle Bahnhofstraße, stadtauswärts', 'Bahnhofstraße',
     'Karl Klug', '0345 555 0101', 'Tresor, Fach 2'),
    ('mobiltelefon', 'Smartphone mit blauer Hülle',
     'Sperrbildschirm zeigt ein Foto eines Hundes; Hülle mit Kratzer', 9,
     'Spielplatz Lindenallee, Sandkasten', 'Lindenallee', 'Paula Pfiffig',
     'paula@example.org', 'Tresor, Fach 5'),
    ('fahrrad', 'Rotes Damenfahrrad mit Korb',
     'Rahmennummer WAW 12345, Klingel fehlt', 14,
     'an der Laterne vor Schulstraße 4', 'Schulstraße', 'Hausmeister GS '
     'Lindenallee', 'Schule, Telefon 0345 555 0200', 'Fahrradkeller, Platz 7'),
    ('kleidung', 'Dunkelgrüne Regenjacke, Größe M',
     'In der Tasche ein Busticket vom 3. des Monats', 20,
     'Garderobe Stadthalle', 'Stadthalle', 'Stadthalle (Einlass)',
     'stadthalle@musterstadt.example', 'Regal C, Fach 4'),
)
