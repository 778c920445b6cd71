"""Announcing calls aloud: the Thai sentence, the chime, the voices and the audio output.

Qt-free, so it can be tested and reused without a screen. Every voice renders to PCM (not to
a sound card), the announcer joins chime and speech into one clip at the configured volume and
plays clips one after another, so announcements never overlap and a missing sound card only
makes the board silent, never stuck.
"""
