//! The word lists behind the keyword classes (docs/import.md, "Keywords"). Embedded rather
//! than a gazetteer crate: a few hundred names cover the countries, capitals and large cities
//! news is about, and the lists stay visible and easy to extend.

/// Countries (short names and common acronyms), their capitals, large cities and regions.
#[rustfmt::skip]
pub const PLACES: &[&str] = &[
    // Countries.
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria",
    "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
    "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czechia",
    "Czech Republic", "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt",
    "El Salvador", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France",
    "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea",
    "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq",
    "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan",
    "Kenya", "Kiribati", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho",
    "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi",
    "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova",
    "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru",
    "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
    "North Macedonia", "Norway", "Oman", "Pakistan", "Palau", "Palestine", "Panama",
    "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
    "Romania", "Russia", "Rwanda", "Samoa", "San Marino", "Saudi Arabia", "Senegal", "Serbia",
    "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa",
    "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
    "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Tonga",
    "Trinidad", "Tunisia", "Turkey", "Türkiye", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu",
    "Vatican", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "US", "USA", "UK", "UAE",
    "America", "Britain", "Great Britain", "England", "Scotland", "Wales", "Gaza", "West Bank",
    // Capitals.
    "Kabul", "Tirana", "Algiers", "Luanda", "Buenos Aires", "Yerevan", "Canberra", "Vienna",
    "Baku", "Manama", "Dhaka", "Minsk", "Brussels", "Thimphu", "La Paz", "Sarajevo", "Gaborone",
    "Brasília", "Brasilia", "Sofia", "Ouagadougou", "Phnom Penh", "Yaoundé", "Ottawa", "Santiago",
    "Beijing", "Bogotá", "Bogota", "Kinshasa", "Brazzaville", "San José", "Zagreb", "Havana",
    "Nicosia", "Prague", "Copenhagen", "Quito", "Cairo", "Asmara", "Tallinn", "Addis Ababa",
    "Helsinki", "Paris", "Libreville", "Tbilisi", "Berlin", "Accra", "Athens", "Guatemala City",
    "Conakry", "Georgetown", "Port-au-Prince", "Tegucigalpa", "Budapest", "Reykjavik",
    "New Delhi", "Delhi", "Jakarta", "Tehran", "Baghdad", "Dublin", "Jerusalem", "Rome",
    "Kingston", "Tokyo", "Amman", "Astana", "Nairobi", "Pristina", "Kuwait City", "Bishkek",
    "Vientiane", "Riga", "Beirut", "Monrovia", "Tripoli", "Vilnius", "Antananarivo", "Lilongwe",
    "Kuala Lumpur", "Bamako", "Valletta", "Nouakchott", "Mexico City", "Chișinău", "Chisinau",
    "Ulaanbaatar", "Podgorica", "Rabat", "Maputo", "Naypyidaw", "Windhoek", "Kathmandu",
    "Amsterdam", "The Hague", "Wellington", "Managua", "Niamey", "Abuja", "Pyongyang", "Skopje",
    "Oslo", "Muscat", "Islamabad", "Ramallah", "Panama City", "Asunción", "Lima", "Manila",
    "Warsaw", "Lisbon", "Doha", "Bucharest", "Moscow", "Kigali", "Riyadh", "Dakar", "Belgrade",
    "Freetown", "Mogadishu", "Pretoria", "Cape Town", "Seoul", "Juba", "Madrid", "Colombo",
    "Khartoum", "Paramaribo", "Stockholm", "Bern", "Damascus", "Taipei", "Dushanbe", "Dodoma",
    "Bangkok", "Lomé", "Tunis", "Ankara", "Ashgabat", "Kampala", "Kyiv", "Kiev", "Abu Dhabi",
    "London", "Washington", "Montevideo", "Tashkent", "Caracas", "Hanoi", "Sanaa", "Lusaka",
    "Harare", "Bratislava", "Ljubljana", "Luxembourg City", "Singapore City",
    // Large cities.
    "New York", "Los Angeles", "Chicago", "Houston", "San Francisco", "Boston", "Miami",
    "Seattle", "Toronto", "Montreal", "Vancouver", "São Paulo", "Sao Paulo", "Rio de Janeiro",
    "Shanghai", "Hong Kong", "Shenzhen", "Guangzhou", "Wuhan", "Mumbai", "Kolkata", "Bangalore",
    "Chennai", "Karachi", "Lahore", "Istanbul", "Aleppo", "Homs", "Idlib", "Mosul", "Basra",
    "Erbil", "Tel Aviv", "Haifa", "Dubai", "Jeddah", "Mecca", "Medina", "Alexandria", "Lagos",
    "Johannesburg", "Casablanca", "Osaka", "Kyoto", "Busan", "Ho Chi Minh City", "Sydney",
    "Melbourne", "Auckland", "Munich", "Hamburg", "Frankfurt", "Milan", "Naples", "Barcelona",
    "Marseille", "Lyon", "Geneva", "Zurich", "Manchester", "Birmingham", "Edinburgh",
    "Glasgow", "St Petersburg", "Saint Petersburg", "Kharkiv", "Odesa", "Odessa", "Donetsk",
    "Crimea", "Kandahar", "Benghazi", "Raqqa", "Deir ez-Zor",
    // Regions.
    "Middle East", "Europe", "Asia", "Africa", "Latin America", "North America",
    "South America", "Central Asia", "Southeast Asia", "East Asia", "Gulf", "Persian Gulf",
    "Levant", "Balkans", "Caucasus", "Sahel", "Scandinavia", "Pacific", "Atlantic", "Arctic",
    "Antarctica", "Mediterranean", "Red Sea", "Black Sea", "Baltic", "Kurdistan", "Darfur",
    "Kashmir", "Tibet", "Xinjiang", "Sinai", "Golan Heights", "Donbas",
];

/// Words that make a name an organisation's when they are part of it.
#[rustfmt::skip]
pub const ORGANISATION_WORDS: &[&str] = &[
    "Agency", "Alliance", "Army", "Assembly", "Association", "Authority", "Bank", "Board",
    "Brigade", "Brigades", "Bureau", "Cabinet", "Coalition", "College", "Commission",
    "Committee", "Company", "Congress", "Corp", "Corporation", "Council", "Court", "Department",
    "Federation", "Force", "Forces", "Foundation", "Front", "Fund", "Group", "Guard", "Inc",
    "Institute", "League", "Ltd", "Ministry", "Movement", "Network", "News", "Office",
    "Organisation", "Organization", "Parliament", "Party", "Police", "Post", "Press", "Radio",
    "Reuters", "Senate", "Service", "Times", "Tribunal", "TV", "Union", "University",
];

/// Titles before a person's name (`President Donald Trump`).
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "Ambassador", "Archbishop", "Bishop", "Captain", "Chairman", "Chancellor", "Colonel",
    "Commander", "Dr", "Emir", "General", "Governor", "Judge", "King", "Lord", "Mayor",
    "Minister", "Mr", "Mrs", "Ms", "Pope", "President", "Premier", "Prince", "Princess",
    "Professor", "Queen", "Rabbi", "Representative", "Rep", "Secretary", "Senator", "Sen",
    "Sheikh", "Sultan",
];

/// Common first names from many languages, for a person named without a title.
#[rustfmt::skip]
pub const FIRST_NAMES: &[&str] = &[
    "Aaron", "Abdul", "Abdullah", "Adam", "Ahmad", "Ahmed", "Alan", "Alex", "Alexander",
    "Alexei", "Ali", "Alice", "Amir", "Amy", "Andrew", "Angela", "Anna", "Anne", "Anthony",
    "Antonio", "Ashraf", "Barack", "Bashar", "Ben", "Benjamin", "Bernie", "Bill", "Bob",
    "Boris", "Carlos", "Catherine", "Charles", "Chris", "Christopher", "Claire", "Daniel",
    "David", "Dmitry", "Donald", "Elena", "Elizabeth", "Emily", "Emma", "Emmanuel", "Eric",
    "Fatima", "Francisco", "Frank", "Friedrich", "George", "Hamza", "Hassan", "Helen", "Hillary",
    "Hussein", "Ibrahim", "Ivan", "Jack", "Jacob", "James", "Jane", "Javier", "Jean", "Jennifer",
    "Jessica", "Jim", "Joe", "John", "Jonathan", "Jose", "José", "Joseph", "Juan", "Justin",
    "Kamala", "Karim", "Karen", "Keir", "Kevin", "Khalid", "Kim", "Laura", "Layla", "Leila",
    "Linda", "Lisa", "Luis", "Mahmoud", "Maria", "Marie", "Mark", "Mary", "Matthew", "Michael",
    "Michelle", "Mohamed", "Mohammad", "Mohammed", "Muhammad", "Mustafa", "Nancy", "Narendra",
    "Nicolas", "Nikolai", "Olaf", "Olga", "Omar", "Patrick", "Paul", "Pedro", "Peter", "Rachel",
    "Recep", "Richard", "Rishi", "Robert", "Salman", "Sam", "Samuel", "Sara", "Sarah", "Sergei",
    "Sophie", "Stephen", "Steve", "Susan", "Thomas", "Tim", "Tom", "Ursula", "Victor",
    "Vladimir", "Volodymyr", "Wang", "William", "Xi", "Yasmin", "Yusuf", "Zhang",
];
