"""German titles and letter bodies for the generated municipality.

Deterministic for a seed; every word is ordinary administrative German, so
the ``text`` index sees a realistic vocabulary (umlauts, compounds, ß).
"""

# (number, title, [(plan suffix, plan title, [Akte title templates])])
AEMTER = (
    ('10', 'Hauptamt', (
        ('10', 'Organisation', ('Organisationsuntersuchung {ort}',
                                'Dienstanweisung {thema}')),
        ('20', 'Ratsangelegenheiten', ('Ratssitzung {monat} {jahr}',
                                       'Anfrage der Fraktion zu {thema}')),
    )),
    ('11', 'Personalamt', (
        ('10', 'Stellenbesetzung', ('Stellenausschreibung {stelle}',
                                    'Bewerbungsverfahren {stelle}')),
        ('20', 'Fortbildung', ('Fortbildung {thema}',)),
    )),
    ('20', 'Kämmerei', (
        ('10', 'Haushaltsplanung', ('Haushaltsplan {jahr}',
                                    'Nachtragshaushalt {jahr}')),
        ('20', 'Zuschüsse', ('Zuschuss an {verein}',)),
        ('30', 'Steuern und Abgaben', ('Vergnügungssteuer {lokal}',)),
    )),
    ('22', 'Steueramt', (
        ('10', 'Hundesteuer', ('Hundesteuer {name}, {strasse}',)),
        ('20', 'Gewerbesteuer', ('Gewerbesteuer {firma}',)),
    )),
    ('23', 'Liegenschaftsamt', (
        ('10', 'Grundstücksverkehr', ('Grundstücksverkauf {strasse}',
                                      'Erbbaurecht {strasse}')),
        ('20', 'Mietverträge', ('Mietvertrag {gebaeude}',)),
    )),
    ('30', 'Rechtsamt', (
        ('10', 'Widerspruchsverfahren', ('Widerspruch {name} gegen '
                                         'Bescheid vom {datum}',)),
        ('20', 'Klageverfahren', ('Klage {firma} wegen {thema}',)),
    )),
    ('32', 'Ordnungsamt', (
        ('10', 'Gaststätten', ('Gaststättenerlaubnis {lokal}',
                               'Sperrzeitverkürzung {lokal}')),
        ('20', 'Sondernutzungen', ('Sondernutzung {strasse}',
                                   'Straßenfest {strasse}')),
        ('30', 'Gefahrenabwehr', ('Gefährlicher Hund {name}',)),
    )),
    ('33', 'Bürgeramt', (
        ('10', 'Meldewesen', ('Meldeangelegenheit {name}',)),
        ('20', 'Fundsachen', ('Fundsache {fund}',)),
    )),
    ('37', 'Feuerwehr', (
        ('10', 'Brandschau', ('Brandverhütungsschau {gebaeude}',)),
        ('20', 'Einsatzberichte', ('Einsatz {strasse} am {datum}',)),
    )),
    ('40', 'Schulverwaltungsamt', (
        ('10', 'Schulgebäude', ('Sanierung {schule}',
                                'Schulbau {schule}')),
        ('20', 'Schülerbeförderung', ('Schülerbeförderung {schule}',)),
    )),
    ('41', 'Kulturamt', (
        ('10', 'Veranstaltungen', ('Stadtfest {jahr}',
                                   'Konzertreihe {monat}')),
        ('20', 'Kulturförderung', ('Förderung {verein}',)),
    )),
    ('50', 'Sozialamt', (
        ('10', 'Wohngeld', ('Wohngeld {name}',)),
        ('20', 'Grundsicherung', ('Grundsicherung {name}',)),
    )),
    ('51', 'Jugendamt', (
        ('10', 'Kindertagesstätten', ('Betriebserlaubnis {kita}',
                                      'Platzvergabe {kita}')),
        ('20', 'Jugendförderung', ('Ferienfreizeit {jahr}',)),
    )),
    ('53', 'Gesundheitsamt', (
        ('10', 'Infektionsschutz', ('Belehrung {lokal}',)),
        ('20', 'Trinkwasser', ('Trinkwasseruntersuchung {gebaeude}',)),
    )),
    ('61', 'Stadtplanungsamt', (
        ('10', 'Bebauungspläne', ('Bebauungsplan {gebiet}',)),
        ('20', 'Städtebauförderung', ('Sanierungsgebiet {gebiet}',)),
    )),
    ('63', 'Bauordnungsamt', (
        ('10', 'Bauanträge', ('Bauantrag {strasse}',
                              'Nutzungsänderung {gebaeude}')),
        ('20', 'Bauüberwachung', ('Bauüberwachung {strasse}',)),
    )),
    ('66', 'Tiefbauamt', (
        ('10', 'Straßenbau', ('Ausbau {strasse}',
                              'Aufgrabung {strasse}')),
        ('20', 'Brücken', ('Brückenprüfung {gebiet}',)),
    )),
    ('67', 'Grünflächenamt', (
        ('10', 'Baumschutz', ('Baumfällung {strasse}',)),
        ('20', 'Friedhöfe', ('Grabstätte {name}',)),
    )),
    ('68', 'Umweltamt', (
        ('10', 'Immissionsschutz', ('Lärmbeschwerde {lokal}',
                                    'Geruchsbelästigung {firma}')),
        ('20', 'Abfall', ('Illegale Ablagerung {strasse}',)),
    )),
    ('80', 'Wirtschaftsförderung', (
        ('10', 'Ansiedlung', ('Ansiedlung {firma}',)),
        ('20', 'Gewerbegebiete', ('Gewerbegebiet {gebiet}',)),
    )),
)

VORGANG_TITLES = (
    'Antrag vom {datum}', 'Anhörung {name}', 'Stellungnahme {amt}',
    'Ortstermin {strasse}', 'Widerspruch {name}', 'Nachforderung Unterlagen',
    'Gebührenbescheid', 'Beteiligung der Fachämter', 'Fristverlängerung',
    'Beschwerde {name}', 'Prüfung der Genehmigungsfähigkeit',
    'Zwischennachricht', 'Bescheid über {thema}', 'Akteneinsicht {name}',
    'Kostenerstattung', 'Auskunftsersuchen {firma}',
)

DOKUMENT_KINDS = (
    ('Antrag', 'Antrag vom {datum}'),
    ('Schreiben', 'Schreiben an {name}'),
    ('Vermerk', 'Vermerk {thema}'),
    ('Stellungnahme', 'Stellungnahme {amt}'),
    ('Bescheid', 'Bescheid vom {datum}'),
    ('E-Mail', 'E-Mail von {name}'),
    ('Protokoll', 'Protokoll Ortstermin {strasse}'),
)

WORDS = {
    'name': ('Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer',
             'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch',
             'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann',
             'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann',
             'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier',
             'Lehmann', 'Köhler', 'Günther', 'Öztürk', 'Yılmaz', 'Nowak'),
    'strasse': ('Hauptstraße 12', 'Lindenallee 5', 'Bahnhofstraße 3',
                'Kirchplatz 1', 'Gartenweg 17', 'Schulstraße 8',
                'Am Marktplatz 2', 'Mühlenweg 21', 'Goethestraße 44',
                'Schillerstraße 9', 'Rosenweg 6', 'Bergstraße 31',
                'Waldstraße 14', 'Friedhofstraße 2', 'Industriestraße 70',
                'Uferstraße 11', 'Am Steinbruch 4', 'Südring 88'),
    'lokal': ('Gasthaus Zum Löwen', 'Café Rosengarten', 'Bistro am Markt',
              'Pizzeria Napoli', 'Brauhaus Zur Linde', 'Weinstube Krone',
              'Imbiss Grüne Wiese', 'Bäckerei Sonnenschein'),
    'firma': ('Bau GmbH Schröder', 'Elektro Wagner KG',
              'Stadtwerke Musterstadt', 'Autohaus Becker',
              'Gärtnerei Blümchen', 'Metallbau Krause GmbH',
              'Logistik Nord AG', 'Druckerei Hoffmann'),
    'verein': ('Turnverein 1861', 'Musikverein Harmonie',
               'Heimatverein Musterstadt', 'Schützenverein',
               'Förderverein Stadtbücherei', 'Kleingartenverein Sonnenhang'),
    'gebaeude': ('Rathaus', 'Stadthalle', 'Feuerwache Nord',
                 'Grundschule am Park', 'Sporthalle Süd', 'Stadtbücherei',
                 'Bauhof', 'Museum im Schloss'),
    'schule': ('Grundschule am Park', 'Gesamtschule Nord',
               'Gymnasium am Wall', 'Realschule Süd', 'Förderschule Linden'),
    'kita': ('Kita Sonnenschein', 'Kita Regenbogen', 'Kita Pusteblume',
             'Kita Zwergenland', 'Kita Löwenzahn'),
    'gebiet': ('Am Mühlbach', 'Nordstadt', 'Gewerbepark West',
               'Alter Schlachthof', 'Sonnenhang', 'Hafenviertel'),
    'thema': ('Lärmschutz', 'Brandschutz', 'Straßenreinigung',
              'Winterdienst', 'Parkraumbewirtschaftung', 'Baumschutz',
              'Denkmalschutz', 'Barrierefreiheit', 'Datenschutz',
              'Digitalisierung', 'Gebührenordnung', 'Nachtruhe'),
    'stelle': ('Sachbearbeitung Bauordnung', 'Leitung Bürgeramt',
               'Verwaltungsfachangestellte', 'Hausmeister Stadthalle',
               'Erzieherin Kita', 'IT-Administration'),
    'fund': ('Fahrrad', 'Geldbörse', 'Schlüsselbund', 'Mobiltelefon',
             'Regenschirm', 'Brille', 'Rucksack'),
    'monat': ('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli',
              'August', 'September', 'Oktober', 'November', 'Dezember'),
    'amt': ('Bauordnungsamt', 'Ordnungsamt', 'Umweltamt', 'Tiefbauamt',
            'Gesundheitsamt', 'Feuerwehr', 'Stadtplanungsamt'),
    'ort': ('Bürgerbüro', 'Standesamt', 'Bauhof', 'Poststelle',
            'Stadtkasse'),
}

# Sentences of an ordinary administrative letter; bodies are drawn from
# these until they reach their target length.
SENTENCES = (
    'Sehr geehrte Damen und Herren,',
    'in der oben genannten Angelegenheit nehmen wir Bezug auf Ihr Schreiben '
    'vom {datum}.',
    'Die eingereichten Unterlagen wurden geprüft und zu den Akten genommen.',
    'Für die weitere Bearbeitung benötigen wir noch einen aktuellen '
    'Lageplan sowie eine Baubeschreibung.',
    'Bitte reichen Sie die fehlenden Unterlagen bis zum {datum} nach.',
    'Nach Prüfung der Sach- und Rechtslage ergeht folgender Bescheid.',
    'Die Genehmigung wird unter dem Vorbehalt des jederzeitigen Widerrufs '
    'erteilt.',
    'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe '
    'Widerspruch erhoben werden.',
    'Der Widerspruch ist schriftlich oder zur Niederschrift bei der '
    'Stadtverwaltung Musterstadt einzulegen.',
    'Die Gebühr beträgt nach der Verwaltungsgebührensatzung {betrag} Euro.',
    'Der Betrag ist innerhalb von vierzehn Tagen auf das Konto der '
    'Stadtkasse zu überweisen.',
    'Bei der Ortsbesichtigung am {datum} wurden keine Mängel festgestellt.',
    'Das {amt} wurde beteiligt und hat keine Bedenken geäußert.',
    'Die Stellungnahme des {amt} liegt dem Vorgang bei.',
    'Anwohnerinnen und Anwohner (Anschrift {strasse}) haben sich wegen '
    '{thema} beschwert.',
    'Wir bitten um Verständnis, dass sich die Bearbeitung verzögert.',
    'Die Angelegenheit wird nach Ablauf der Frist erneut vorgelegt.',
    'Rückfragen richten Sie bitte unter Angabe des Aktenzeichens an '
    'Frau {name} oder Herrn {name}.',
    'Die Auflagen zum Thema {thema} sind dauerhaft einzuhalten.',
    'Eine Verlängerung der Frist ist auf schriftlichen Antrag möglich.',
    'Die Zuständigkeit ergibt sich aus der Hauptsatzung der Stadt.',
    'Über den Antrag der Firma {firma} wird in der nächsten Sitzung des '
    'Ausschusses beraten.',
    'Die Kosten des Verfahrens trägt die Antragstellerin.',
    'Der Vermerk wurde der Amtsleitung zur Kenntnis gegeben.',
    'Mit freundlichen Grüßen',
    'Im Auftrag',
)


def fill(template, rng, year, date):
    """Fill a template's {placeholders} with random German words."""
    return template.format_map(_Words(rng, year, date))


class _Words(dict):
    """Draws a word only for the placeholders a template uses."""

    def __init__(self, rng, year, date):
        super().__init__()
        self.rng, self.year, self.date = rng, year, date

    def __missing__(self, key):
        if key == 'jahr':
            return self.year
        if key == 'datum':
            return self.date.strftime('%d.%m.%Y')
        if key == 'betrag':
            return '%d,%02d' % (self.rng.randint(15, 900),
                                self.rng.choice((0, 50)))
        return self.rng.choice(WORDS[key])


def body(rng, year, date, title, aktenzeichen, minimum=1024, maximum=3072):
    """A letter of ``minimum`` to ``maximum`` bytes (UTF-8)."""
    target = rng.randint(minimum, maximum)
    head = ['Stadt Musterstadt', 'Aktenzeichen: %s' % aktenzeichen,
            'Betreff: %s' % title, '', SENTENCES[0]]
    tail = ['', SENTENCES[-2], SENTENCES[-1],
            fill('{name}', rng, year, date)]
    size = sum(len(line.encode('utf-8')) + 1 for line in head + tail)
    middle = []
    while True:
        line = fill(rng.choice(SENTENCES[1:-2]), rng, year, date)
        size += len(line.encode('utf-8')) + 1
        if size > target and size - len(line.encode('utf-8')) > minimum:
            break
        middle.append(line)
    return ('\n'.join(head + middle + tail) + '\n').encode('utf-8')


def amt_spec(index):
    """(number, title, plan) of the ``index``-th Amt; beyond the 20 real
    offices, numbered copies (1,000,000 Dokumente need no more Ämter, but
    the flag allows it)."""
    if index < len(AEMTER):
        return AEMTER[index]
    number, title, plan = AEMTER[index % len(AEMTER)]
    return ('%s%d' % (number, index // len(AEMTER)),
            '%s %d' % (title, index // len(AEMTER) + 1), plan)
