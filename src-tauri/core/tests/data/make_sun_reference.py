#!/usr/bin/env python3
"""Reference sun times for `tests/sun_reference.rs`, from an independent ephemeris.

The figures come from PyEphem (libastro: VSOP87 for the Sun, IAU nutation, ΔT), not from
Needlewise's own solar code, so the Rust test checks `sun.rs` against something it does not
share equations with.

Regenerate (written with PyEphem 4.2.1 and Python 3.11):

    pip install ephem==4.2.1
    cd src-tauri/core/tests/data
    python3 make_sun_reference.py > sun_reference.csv

Local dates are turned into UTC spans with Python's `zoneinfo` (the system tz database;
2025b when written). Every time in the CSV is a UTC instant, so the tz database only
decides which local date a row is about.

Definitions, matched to `sun.rs`:

* solar_noon: the Sun's upper meridian transit nearest the middle of the local date
  (midnight to midnight, 23 or 25 hours on DST days).
* sunrise / sunset: the Sun's centre at 90.833° zenith (0°50′ below the horizon, which
  allows for standard refraction and the solar semi-diameter) with refraction switched off
  (pressure = 0, use_center = True): the rising before and the setting after that transit.
  Empty when the Sun stays above (polar day) or below (polar night) that line.
* uv_start / uv_end: when the clear-sky UV index of Madronich (2007),
  UVI = 12.5 · μ0^2.42 · (Ω/300)^−1.23 with Ω = 300 DU, crosses 3 going up and going down
  around that transit: μ0 = cos(zenith) = (3/12.5)^(1/2.42), an elevation of about 33.68°,
  geometric (pressure = 0: no refraction), as `sun.rs` uses. Empty when the UV index stays
  below 3. Not clipped to the local date (none of these rows needs it).
* peak_uvi: that UV index at the transit (at the nearer end of the local date if the transit
  falls outside it); noon_elevation: the Sun's unrefracted elevation at the transit.

Each crossing is checked afterwards: the Sun's elevation there must be the target to
within 0.0005°.
"""

import csv
import datetime as dt
import math
import sys
from zoneinfo import ZoneInfo

import ephem

UTC = dt.timezone.utc
UV_THRESHOLD = 3.0
UV_OVERHEAD = 12.5
UV_MU_EXPONENT = 2.42
# (Ω/300)^−1.23 is 1 at the 300 DU reference column.
UV_THRESHOLD_ELEVATION_DEG = 90.0 - math.degrees(
    math.acos((UV_THRESHOLD / UV_OVERHEAD) ** (1.0 / UV_MU_EXPONENT))
)
SUNRISE_HORIZON = "-0:50"  # 90.833° zenith

# name, latitude (north +), longitude (east +), IANA zone. Latitudes −60.7° to +69.6°, both
# hemispheres, places either side of the date line, and zones far from their longitude.
PLACES = [
    ("Tromso", 69.6492, 18.9553, "Europe/Oslo"),
    ("Murmansk", 68.9585, 33.0827, "Europe/Moscow"),
    ("Kiruna", 67.8558, 20.2253, "Europe/Stockholm"),
    ("Rovaniemi", 66.5039, 25.7294, "Europe/Helsinki"),
    ("Oulu", 65.0121, 25.4651, "Europe/Helsinki"),
    ("Fairbanks", 64.8378, -147.7164, "America/Anchorage"),
    ("Reykjavik", 64.1466, -21.9426, "Atlantic/Reykjavik"),
    ("Yellowknife", 62.4540, -114.3718, "America/Edmonton"),
    ("Anchorage", 61.2181, -149.9003, "America/Anchorage"),
    ("Helsinki", 60.1699, 24.9384, "Europe/Helsinki"),
    ("Oslo", 59.9139, 10.7522, "Europe/Oslo"),
    ("Edinburgh", 55.9533, -3.1883, "Europe/London"),
    ("Moscow", 55.7558, 37.6173, "Europe/Moscow"),
    ("Petropavlovsk-Kamchatsky", 53.0452, 158.6483, "Asia/Kamchatka"),
    ("Berlin", 52.5200, 13.4050, "Europe/Berlin"),
    ("London", 51.5074, -0.1278, "Europe/London"),
    ("Vancouver", 49.2827, -123.1207, "America/Vancouver"),
    ("Paris", 48.8566, 2.3522, "Europe/Paris"),
    ("New York", 40.7128, -74.0060, "America/New_York"),
    ("Madrid", 40.4168, -3.7038, "Europe/Madrid"),
    ("Beijing", 39.9042, 116.4074, "Asia/Shanghai"),
    ("Kashgar (Beijing time)", 39.4704, 75.9898, "Asia/Shanghai"),
    ("Tokyo", 35.6762, 139.6503, "Asia/Tokyo"),
    ("Los Angeles", 34.0522, -118.2437, "America/Los_Angeles"),
    ("Cairo", 30.0444, 31.2357, "Africa/Cairo"),
    ("Havana", 23.1136, -82.3666, "America/Havana"),
    ("Honolulu", 21.3069, -157.8583, "Pacific/Honolulu"),
    ("Mumbai", 19.0760, 72.8777, "Asia/Kolkata"),
    ("Dakar", 14.7167, -17.4677, "Africa/Dakar"),
    ("Kiritimati", 1.8721, -157.4278, "Pacific/Kiritimati"),
    ("Singapore", 1.3521, 103.8198, "Asia/Singapore"),
    ("Quito", -0.1807, -78.4678, "America/Guayaquil"),
    ("Apia", -13.8333, -171.7667, "Pacific/Apia"),
    ("Pago Pago", -14.2756, -170.7020, "Pacific/Pago_Pago"),
    ("Suva", -18.1416, 178.4419, "Pacific/Fiji"),
    ("Nuku'alofa", -21.1394, -175.2018, "Pacific/Tongatapu"),
    ("Rio de Janeiro", -22.9068, -43.1729, "America/Sao_Paulo"),
    ("Johannesburg", -26.2041, 28.0473, "Africa/Johannesburg"),
    ("Santiago", -33.4489, -70.6693, "America/Santiago"),
    ("Sydney", -33.8688, 151.2093, "Australia/Sydney"),
    ("Cape Town", -33.9249, 18.4241, "Africa/Johannesburg"),
    ("Auckland", -36.8485, 174.7633, "Pacific/Auckland"),
    ("Hobart", -42.8821, 147.3272, "Australia/Hobart"),
    ("Chatham Islands", -43.9535, -176.5597, "Pacific/Chatham"),
    ("Punta Arenas", -53.1638, -70.9171, "America/Punta_Arenas"),
    ("King Edward Point", -54.2833, -36.5000, "Atlantic/South_Georgia"),
    ("Ushuaia", -54.8019, -68.3030, "America/Argentina/Ushuaia"),
    ("Orcadas Base", -60.7372, -44.7383, "America/Argentina/Ushuaia"),
]

# Every place on these dates: solstices, equinoxes and the seasons between, in both years.
SEASONAL_DATES = [
    "2026-01-10",
    "2026-03-20",
    "2026-05-01",
    "2026-06-21",
    "2026-08-15",
    "2026-09-23",
    "2026-11-10",
    "2026-12-21",
    "2027-02-20",
    "2027-06-21",
    "2027-12-22",
]

# DST-change days (the local date is 23 or 25 hours long; Havana's clocks jump at midnight).
DST_DAYS = [
    ("Berlin", "2026-03-29"),
    ("Berlin", "2026-10-25"),
    ("Berlin", "2027-03-28"),
    ("Berlin", "2027-10-31"),
    ("London", "2026-03-29"),
    ("London", "2026-10-25"),
    ("Helsinki", "2026-03-29"),
    ("Oslo", "2026-10-25"),
    ("New York", "2026-03-08"),
    ("New York", "2026-11-01"),
    ("New York", "2027-03-14"),
    ("New York", "2027-11-07"),
    ("Anchorage", "2026-03-08"),
    ("Anchorage", "2026-11-01"),
    ("Vancouver", "2027-03-14"),
    ("Havana", "2026-03-08"),
    ("Havana", "2026-11-01"),
    ("Sydney", "2026-04-05"),
    ("Sydney", "2026-10-04"),
    ("Hobart", "2027-04-04"),
    ("Auckland", "2026-04-05"),
    ("Auckland", "2026-09-27"),
    ("Auckland", "2027-04-04"),
    ("Auckland", "2027-09-26"),
    ("Chatham Islands", "2026-04-05"),
    ("Chatham Islands", "2026-09-27"),
    ("Santiago", "2026-04-05"),
    ("Santiago", "2026-09-06"),
]


def first_instant(date, zone):
    """First UTC instant of local `date`: midnight, the earlier one if it happens twice,
    or the end of the gap if the clocks jump over midnight."""
    midnight = dt.datetime.combine(date, dt.time())
    for minutes in range(26 * 60):
        local = midnight + dt.timedelta(minutes=minutes)
        instant = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == local:
            return instant
    raise ValueError(f"no local midnight for {date} in {zone}")


def to_ephem(t):
    return ephem.Date(t.replace(tzinfo=None))


def to_utc(d):
    """ephem.Date → aware UTC datetime, to the microsecond."""
    return ephem.Date(d).datetime().replace(tzinfo=UTC)


def iso(t):
    """UTC instant to the nearest second, ISO 8601."""
    if t is None:
        return ""
    t = (t + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def observer(lat, lon):
    obs = ephem.Observer()
    obs.lat = str(lat)
    obs.lon = str(lon)
    obs.elevation = 0.0
    obs.pressure = 0.0  # no refraction: elevations are geometric
    return obs


def elevation_deg(obs, sun, t):
    obs.date = to_ephem(t)
    sun.compute(obs)
    return math.degrees(float(sun.alt))


def uvi(elevation):
    if elevation <= 0.0:
        return 0.0
    return UV_OVERHEAD * math.sin(math.radians(elevation)) ** UV_MU_EXPONENT


def crossings(obs, sun, transit, horizon_deg):
    """The Sun's centre crossing `horizon_deg` (unrefracted) going up before `transit` and
    going down after it, within the same solar day; None where it does not."""
    obs.horizon = str(horizon_deg) if isinstance(horizon_deg, str) else math.radians(horizon_deg)
    target = math.degrees(float(obs.horizon))
    start = to_ephem(transit)
    before = obs.previous_antitransit(sun, start=start)
    after = obs.next_antitransit(sun, start=start)
    if elevation_deg(obs, sun, transit) <= target:
        return None, None  # stays below all day
    result = []
    for find, lo, hi in (
        (obs.previous_rising, before, start),
        (obs.next_setting, start, after),
    ):
        try:
            t = find(sun, start=start, use_center=True)
        except (ephem.AlwaysUpError, ephem.NeverUpError):
            result.append(None)
            continue
        if not lo <= t <= hi:
            result.append(None)  # belongs to another solar day: no crossing in this one
            continue
        t = to_utc(t)
        miss = elevation_deg(obs, sun, t) - target
        assert abs(miss) < 5e-4, (t, miss)
        result.append(t)
    return result[0], result[1]


def row(name, lat, lon, zone_name, date):
    zone = ZoneInfo(zone_name)
    day_start = first_instant(date, zone)
    day_end = first_instant(date + dt.timedelta(days=1), zone)
    middle = day_start + (day_end - day_start) / 2

    obs = observer(lat, lon)
    sun = ephem.Sun()
    obs.date = to_ephem(middle)
    candidates = [to_utc(obs.previous_transit(sun)), to_utc(obs.next_transit(sun))]
    transit = min(candidates, key=lambda t: abs((t - middle).total_seconds()))

    sunrise, sunset = crossings(obs, sun, transit, SUNRISE_HORIZON)
    uv_start, uv_end = crossings(obs, sun, transit, UV_THRESHOLD_ELEVATION_DEG)

    noon_elevation = elevation_deg(obs, sun, transit)
    last = day_end - dt.timedelta(seconds=1)
    peak_at = min(max(transit, day_start), last)
    peak_uvi = uvi(elevation_deg(obs, sun, peak_at))
    return {
        "name": name,
        "lat": f"{lat:.4f}",
        "lon": f"{lon:.4f}",
        "date": date.isoformat(),
        "tz": zone_name,
        "sunrise": iso(sunrise),
        "sunset": iso(sunset),
        "solar_noon": iso(transit),
        "uv_start": iso(uv_start),
        "uv_end": iso(uv_end),
        "peak_uvi": f"{peak_uvi:.4f}",
        "noon_elevation": f"{noon_elevation:.4f}",
    }


def main():
    by_name = {p[0]: p for p in PLACES}
    jobs = [(p, d) for p in PLACES for d in SEASONAL_DATES]
    jobs += [(by_name[n], d) for n, d in DST_DAYS]
    out = csv.DictWriter(
        sys.stdout,
        fieldnames=[
            "name",
            "lat",
            "lon",
            "date",
            "tz",
            "sunrise",
            "sunset",
            "solar_noon",
            "uv_start",
            "uv_end",
            "peak_uvi",
            "noon_elevation",
        ],
        lineterminator="\n",
    )
    out.writeheader()
    for (name, lat, lon, zone), date in jobs:
        out.writerow(row(name, lat, lon, zone, dt.date.fromisoformat(date)))


if __name__ == "__main__":
    main()
