"""People's names in the demo city: Malay, Mandailing, Batak, Javanese and Christian first and family names, and
titles around them."""

from __future__ import annotations

import random

_FIRST_M = (
    "Ahmad", "Muhammad", "Abdul", "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko",
    "Rudi", "Syahrul", "Zulkifli", "Rizky", "Andi", "Arif", "Bambang", "Darmawan", "Fauzi", "Hamdan",
    "Hasan", "Iskandar", "Jefri", "Khairul", "Lukman", "Mahmud", "Nasrul", "Rahmat", "Ridwan",
    "Samsul", "Taufik", "Yusuf", "Zainal", "Azman", "Firdaus", "Hafiz", "Indra", "Kamal", "Roni",
    "Syafrizal", "Teguh", "Wahyu", "Yudi", "Surya", "Fadli", "Erwin", "Herman", "Amri", "Ismail",
    "Riki", "Dodi", "Heru", "Aris", "Junaidi", "Mulyadi", "Hairul", "Azwar", "Reza", "Ilham",
    "Faisal", "Hanafi", "Saiful", "Zakaria", "Jamaluddin", "Nurdin", "Syamsul", "Ferry", "Afrizal",
    "Rusli", "Edi", "Yoga", "Bayu", "Dimas", "Gilang", "Rahmadi", "Hery", "Ardiansyah", "Firman",
)
_FIRST_F = (
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Nurul", "Ratna", "Yuni", "Lina", "Maya", "Indah",
    "Putri", "Rahma", "Aisyah", "Fatimah", "Zainab", "Nurhayati", "Linda", "Yulia", "Desi", "Mega",
    "Ayu", "Novi", "Eka", "Dian", "Rika", "Rini", "Tuti", "Erni", "Evi", "Hasnah", "Halimah",
    "Juliana", "Marlina", "Mariani", "Rosmawati", "Zuraidah", "Norma", "Suryani", "Ernawati",
    "Herlina", "Yusnita", "Syarifah", "Nurbaiti", "Rosnah", "Azizah", "Aminah", "Khadijah", "Salmah",
    "Wulan", "Tika", "Vivi", "Ani", "Nining", "Dwi", "Susi", "Yanti", "Lisa", "Nova", "Intan",
    "Diana", "Ratih", "Nurlela", "Asmah", "Mardiana", "Sarimah", "Nurasiah", "Elvi", "Yessi",
)
_LAST_M = (
    "Hidayat", "Saputra", "Pratama", "Kurniawan", "Setiawan", "Gunawan", "Susanto", "Santoso",
    "Wibowo", "Nugroho", "Purnomo", "Hakim", "Effendi", "Ramadhan", "Maulana", "Firmansyah",
    "Hendrawan", "Syahputra", "Hamzah", "Rahman", "Hasan", "Ismail", "Yusuf", "Abdullah", "Hamid",
    "Zulkarnain", "Kamaruddin", "Azhar", "Syahrial", "Iskandar", "Fadillah", "Akbar", "Wijaya",
    "Prasetyo", "Hermawan", "Sulaiman", "Bakar", "Harun", "Idris", "Usman", "Rasyid", "Anwar",
)
_LAST_F = (
    "Rahmawati", "Lestari", "Wulandari", "Handayani", "Susanti", "Puspitasari", "Anggraini",
    "Kartika", "Fitriani", "Novitasari", "Yulianti", "Safitri", "Permatasari", "Sari", "Utami",
    "Maharani", "Hasanah", "Aryani", "Oktaviani", "Sulastri", "Ningsih", "Purnamasari", "Andriani",
    "Rosita", "Marliana", "Herawati", "Mulyani", "Nurjanah", "Syafitri", "Ramadhani", "Agustina",
    "Zulaikha", "Wahyuni", "Damayanti", "Kurniasih", "Fauziah", "Amalia", "Nurhasanah",
)
# Mandailing and Malay family names worn by Muslims of either sex.
_FAMILY = ("Siregar", "Nasution", "Harahap", "Lubis", "Daulay", "Pulungan", "Batubara", "Tanjung")
_BATAK = ("Simanjuntak", "Sitompul", "Sinaga", "Manurung", "Panjaitan", "Tambunan", "Hutapea",
          "Situmorang", "Simatupang", "Pardede", "Silalahi", "Sihombing", "Napitupulu", "Hutagalung")
_CHRISTIAN_M = ("Yohanes", "Robert", "Daniel", "Samuel", "Jonathan", "Benny", "Fernando", "Ricky",
                "Paulus", "Markus", "Hotman", "Parlindungan", "Togar", "Martin")
_CHRISTIAN_F = ("Maria", "Yohana", "Elisabeth", "Debora", "Ruth", "Grace", "Lusiana", "Rosdiana",
                "Kristina", "Veronika", "Sondang", "Tiurma", "Rotua", "Agnes")
_JAVANESE_M = ("Sutrisno", "Suyanto", "Sugiarto", "Supriyadi", "Slamet", "Suparman", "Sumarno",
               "Widodo", "Sukirman", "Paijo")
_JAVANESE_F = ("Sumiati", "Suwarni", "Sulistyowati", "Sukarsih", "Painem", "Tumini", "Sriyati")


def plain_name(rng: random.Random, female: bool) -> str:
    r = rng.random()
    if r < 0.09:
        first = rng.choice(_CHRISTIAN_F if female else _CHRISTIAN_M)
        return f"{first} {rng.choice(_BATAK)}"
    if r < 0.13:
        return rng.choice(_JAVANESE_F if female else _JAVANESE_M)
    first = rng.choice(_FIRST_F if female else _FIRST_M)
    if r < 0.21:  # Riau Malay nobility and sayyid families
        noble = rng.choice(("Raja", "Raja", "Tengku", "Wan")) if not female or rng.random() < 0.7 else "Syarifah"
        if noble == "Syarifah" and first == "Syarifah":
            first = rng.choice(_FIRST_F[:20])
        return f"{noble} {first}" + ("" if rng.random() < 0.4 else f" {rng.choice(_LAST_F if female else _LAST_M)}")
    if not female and first != "Muhammad" and rng.random() < 0.12:
        first = f"Muhammad {first}"
    elif female and first == "Nur" and rng.random() < 0.6:
        first = f"Nur {rng.choice(('Aini', 'Hidayah', 'Azizah', 'Fadilah', 'Jannah'))}"
    if rng.random() < 0.12:
        last = rng.choice(_FAMILY)
    else:
        last = rng.choice(_LAST_F if female else _LAST_M)
    return f"{first} {last}"


def full_name(plain: str, prefix: str | None, suffix: str | None) -> str:
    name = f"{prefix} {plain}" if prefix else plain
    return f"{name}, {suffix}" if suffix else name
