// A general table of countries and the words news uses for them (metonymy): the capital or seat
// of government ("Moscow", "the Kremlin"), the nationality word ("Russian side"), short forms
// ("the U.S."). The actors stage resolves such mentions to the country. World knowledge, not an
// answer key: every country has a row whether or not any text mentions it.

export interface CountryRow {
  name: string;
  iso3: string;
  /** Other names of the country itself (short forms, older names). */
  names: string[];
  /** Capitals and seats of government, used as the government's voice. */
  seats: string[];
  /** Nationality adjectives and nouns ("Russian", "Russians"). */
  demonyms: string[];
}

// name | iso3 | other names | seats | demonyms   (lists separated by commas)
// prettier-ignore
const ROWS = `
Afghanistan|AFG||Kabul|Afghan,Afghans
Albania|ALB||Tirana|Albanian,Albanians
Algeria|DZA||Algiers|Algerian,Algerians
Argentina|ARG||Buenos Aires|Argentine,Argentinian,Argentines
Armenia|ARM||Yerevan|Armenian,Armenians
Australia|AUS||Canberra|Australian,Australians
Austria|AUT||Vienna|Austrian,Austrians
Azerbaijan|AZE||Baku|Azerbaijani,Azeri,Azerbaijanis
Bangladesh|BGD||Dhaka|Bangladeshi,Bangladeshis
Belarus|BLR||Minsk|Belarusian,Belarussian,Belarusians
Belgium|BEL||Brussels|Belgian,Belgians
Benin|BEN||Porto-Novo,Cotonou|Beninese
Bosnia and Herzegovina|BIH|Bosnia|Sarajevo|Bosnian,Bosnians
Brazil|BRA||Brasilia,Brasília|Brazilian,Brazilians
Bulgaria|BGR||Sofia|Bulgarian,Bulgarians
Burma|MMR|Myanmar|Rangoon,Naypyidaw,Yangon|Burmese
Cambodia|KHM||Phnom Penh|Cambodian,Cambodians
Canada|CAN||Ottawa|Canadian,Canadians
Chad|TCD||N'Djamena|Chadian,Chadians
Chile|CHL||Santiago|Chilean,Chileans
China|CHN|People's Republic of China,PRC|Beijing,Peking|Chinese
Colombia|COL||Bogota,Bogotá|Colombian,Colombians
Croatia|HRV||Zagreb|Croatian,Croat,Croats
Cuba|CUB||Havana|Cuban,Cubans
Cyprus|CYP||Nicosia|Cypriot,Cypriots
Czechia|CZE|Czech Republic|Prague|Czech,Czechs
Denmark|DNK||Copenhagen|Danish,Danes
Egypt|EGY||Cairo|Egyptian,Egyptians
Eritrea|ERI||Asmara|Eritrean,Eritreans
Estonia|EST||Tallinn|Estonian,Estonians
Ethiopia|ETH||Addis Ababa|Ethiopian,Ethiopians
Fiji|FJI||Suva|Fijian,Fijians
Finland|FIN||Helsinki|Finnish,Finns
France|FRA||Paris,Elysee,Élysée|French
Gambia|GMB|The Gambia|Banjul|Gambian,Gambians
Georgia|GEO||Tbilisi|Georgian,Georgians
Germany|DEU||Berlin|German,Germans
Ghana|GHA||Accra|Ghanaian,Ghanaians,Ghanian,Ghanians
Greece|GRC||Athens|Greek,Greeks
Hungary|HUN||Budapest|Hungarian,Hungarians
India|IND||New Delhi,Delhi|Indian,Indians
Indonesia|IDN||Jakarta|Indonesian,Indonesians
Iran|IRN||Tehran,Teheran|Iranian,Iranians
Iraq|IRQ||Baghdad|Iraqi,Iraqis
Ireland|IRL||Dublin|Irish
Israel|ISR||Jerusalem|Israeli,Israelis
Italy|ITA||Rome|Italian,Italians
Ivory Coast|CIV|Côte d'Ivoire,Cote d'Ivoire|Abidjan,Yamoussoukro|Ivorian,Ivorians
Japan|JPN||Tokyo|Japanese
Jordan|JOR||Amman|Jordanian,Jordanians
Kazakhstan|KAZ||Astana|Kazakh,Kazakhs
Kenya|KEN||Nairobi|Kenyan,Kenyans
Kosovo|XKX||Pristina|Kosovar,Kosovars
Kuwait|KWT||Kuwait City|Kuwaiti,Kuwaitis
Latvia|LVA||Riga|Latvian,Latvians
Lebanon|LBN||Beirut|Lebanese
Liberia|LBR||Monrovia|Liberian,Liberians
Libya|LBY||Tripoli|Libyan,Libyans
Lithuania|LTU||Vilnius|Lithuanian,Lithuanians
Macedonia|MKD|North Macedonia|Skopje|Macedonian,Macedonians
Mauritania|MRT||Nouakchott|Mauritanian,Mauritanians
Mexico|MEX||Mexico City|Mexican,Mexicans
Moldova|MDA||Chisinau|Moldovan,Moldovans
Morocco|MAR||Rabat|Moroccan,Moroccans
Mozambique|MOZ||Maputo|Mozambican,Mozambicans
Namibia|NAM||Windhoek|Namibian,Namibians
Netherlands|NLD|Holland|The Hague,Amsterdam|Dutch
New Zealand|NZL||Wellington|New Zealander,New Zealanders
Niger|NER||Niamey|Nigerien,Nigeriens
Nigeria|NGA||Abuja,Lagos|Nigerian,Nigerians
North Korea|PRK|Democratic People's Republic of Korea,DPRK|Pyongyang|North Korean,North Koreans
Norway|NOR||Oslo|Norwegian,Norwegians
Pakistan|PAK||Islamabad|Pakistani,Pakistanis
Palestine|PSE|Palestinian territories|Ramallah|Palestinian,Palestinians
Philippines|PHL||Manila|Filipino,Philippine,Filipinos
Poland|POL||Warsaw|Polish,Poles
Portugal|PRT||Lisbon|Portuguese
Qatar|QAT||Doha|Qatari,Qataris
Romania|ROU||Bucharest|Romanian,Romanians
Russia|RUS|Russian Federation|Moscow,Kremlin,the Kremlin|Russian,Russians
Rwanda|RWA||Kigali|Rwandan,Rwandans
Saudi Arabia|SAU||Riyadh|Saudi,Saudis
Senegal|SEN||Dakar|Senegalese
Serbia|SRB|Yugoslavia|Belgrade|Serbian,Serb,Serbs
Slovakia|SVK||Bratislava|Slovak,Slovaks
Slovenia|SVN||Ljubljana|Slovenian,Slovene,Slovenes
Somalia|SOM||Mogadishu|Somali,Somalis
South Africa|ZAF||Pretoria|South African,South Africans
South Korea|KOR|Republic of Korea|Seoul|South Korean,South Koreans
Spain|ESP||Madrid|Spanish,Spaniards
Sri Lanka|LKA||Colombo|Sri Lankan,Sri Lankans
Sudan|SDN||Khartoum|Sudanese
Sweden|SWE||Stockholm|Swedish,Swedes
Switzerland|CHE||Bern,Berne|Swiss
Syria|SYR||Damascus|Syrian,Syrians
Taiwan|TWN||Taipei|Taiwanese
Tanzania|TZA||Dodoma,Dar es Salaam|Tanzanian,Tanzanians
Thailand|THA||Bangkok|Thai,Thais
Tunisia|TUN||Tunis|Tunisian,Tunisians
Turkey|TUR|Türkiye|Ankara|Turkish,Turks
Uganda|UGA||Kampala|Ugandan,Ugandans
Ukraine|UKR||Kyiv,Kiev|Ukrainian,Ukrainians
United Arab Emirates|ARE|UAE,Emirates|Abu Dhabi|Emirati,Emiratis
United Kingdom|GBR|Britain,Great Britain,UK,U.K.|London,Downing Street|British,Briton,Britons
United States|USA|United States of America,U.S.,US,USA,U.S.A.,America|Washington,White House,the White House|American,Americans,U.S.
Uzbekistan|UZB||Tashkent|Uzbek,Uzbeks
Venezuela|VEN||Caracas|Venezuelan,Venezuelans
Vietnam|VNM|Viet Nam|Hanoi|Vietnamese
Yemen|YEM||Sanaa,Sana'a|Yemeni,Yemenis
Zambia|ZMB||Lusaka|Zambian,Zambians
Zimbabwe|ZWE||Harare|Zimbabwean,Zimbabweans
`;

const list = (field: string | undefined): string[] =>
  (field ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');

export const COUNTRIES: CountryRow[] = ROWS.trim()
  .split('\n')
  .map((line) => {
    const [name = '', iso3 = '', names, seats, demonyms] = line.split('|');
    return { name, iso3, names: list(names), seats: list(seats), demonyms: list(demonyms) };
  });

export type CountryRole = 'name' | 'seat' | 'demonym';

const BY_WORD = new Map<string, { country: CountryRow; role: CountryRole }>();
for (const country of COUNTRIES) {
  const add = (word: string, role: CountryRole) => {
    const key = normalise(word);
    if (!BY_WORD.has(key)) BY_WORD.set(key, { country, role });
  };
  add(country.name, 'name');
  for (const word of country.names) add(word, 'name');
  for (const word of country.seats) add(word, 'seat');
  for (const word of country.demonyms) add(word, 'demonym');
}

function normalise(word: string): string {
  return word
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[’']/g, "'")
    .trim();
}

/** The country a word stands for ("Moscow", "Russian", "the U.S.", "Kremlin"), if any. */
export function countryOf(word: string): { country: CountryRow; role: CountryRole } | undefined {
  return BY_WORD.get(normalise(word));
}
