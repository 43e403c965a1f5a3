"""Widgets shared by the app's screens: the members table, the household form, small dialogs."""
