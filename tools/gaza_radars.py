"""The radars of the generated Gaza scenarios (gaza-2021, saturation-2023): the three battery radars of the south and
centre and the Gaza border's five warning radars (README, "The models", Radars), as the YAML lines the generators write."""

RADAR_LINES = [
    "radars:",
    "  - { id: mmr-south, position: { lat: 31.625, lon: 34.620, height_m: 10 }, revisit_s: 1.0, track_revisit_s: 0.5, range_sigma_m: 15, azimuth_sigma_mrad: 2.0, elevation_sigma_mrad: 2.0, detection_probability: 0.95, min_elevation_deg: 0.5, max_range_m: 120000, clutter_per_scan: 5, range_rate_sigma_m_s: 1.0 }",
    "  - { id: mmr-negev, position: { lat: 31.330, lon: 34.650, height_m: 10 }, revisit_s: 1.0, track_revisit_s: 0.5, range_sigma_m: 15, azimuth_sigma_mrad: 2.0, elevation_sigma_mrad: 2.0, detection_probability: 0.95, min_elevation_deg: 0.5, max_range_m: 120000, clutter_per_scan: 5, range_rate_sigma_m_s: 1.0 }",
    "  - { id: mmr-center, position: { lat: 31.930, lon: 34.720, height_m: 10 }, revisit_s: 1.0, track_revisit_s: 0.5, range_sigma_m: 15, azimuth_sigma_mrad: 2.0, elevation_sigma_mrad: 2.0, detection_probability: 0.95, min_elevation_deg: 0.5, max_range_m: 120000, clutter_per_scan: 5, range_rate_sigma_m_s: 1.0 }",
    "  # Warning radars along the Gaza border (installed 2015-2016 after the 2014 war for short, low flights the battery",
    "  # radars cannot see; sites and performance assumed, see the README's \"Radars\"): 15 m masts 1-3 km behind the border.",
    "  - { id: border-zikim, position: { lat: 31.600, lon: 34.545, height_m: 15 }, revisit_s: 0.5, range_sigma_m: 10, azimuth_sigma_mrad: 4.0, elevation_sigma_mrad: 4.0, detection_probability: 0.9, min_elevation_deg: 0.0, max_range_m: 20000, clutter_per_scan: 1, range_rate_sigma_m_s: 0.5 }",
    "  - { id: border-nahal-oz, position: { lat: 31.470, lon: 34.515, height_m: 15 }, revisit_s: 0.5, range_sigma_m: 10, azimuth_sigma_mrad: 4.0, elevation_sigma_mrad: 4.0, detection_probability: 0.9, min_elevation_deg: 0.0, max_range_m: 20000, clutter_per_scan: 1, range_rate_sigma_m_s: 0.5 }",
    "  - { id: border-kissufim, position: { lat: 31.385, lon: 34.405, height_m: 15 }, revisit_s: 0.5, range_sigma_m: 10, azimuth_sigma_mrad: 4.0, elevation_sigma_mrad: 4.0, detection_probability: 0.9, min_elevation_deg: 0.0, max_range_m: 20000, clutter_per_scan: 1, range_rate_sigma_m_s: 0.5 }",
    "  - { id: border-nirim, position: { lat: 31.320, lon: 34.365, height_m: 15 }, revisit_s: 0.5, range_sigma_m: 10, azimuth_sigma_mrad: 4.0, elevation_sigma_mrad: 4.0, detection_probability: 0.9, min_elevation_deg: 0.0, max_range_m: 20000, clutter_per_scan: 1, range_rate_sigma_m_s: 0.5 }",
    "  - { id: border-kerem-shalom, position: { lat: 31.235, lon: 34.305, height_m: 15 }, revisit_s: 0.5, range_sigma_m: 10, azimuth_sigma_mrad: 4.0, elevation_sigma_mrad: 4.0, detection_probability: 0.9, min_elevation_deg: 0.0, max_range_m: 20000, clutter_per_scan: 1, range_rate_sigma_m_s: 0.5 }",
]
