"""Announcing calls aloud: the Thai sentence, the chime, the voices and the audio output.

Qt-free, so it can be tested and reused without a screen. The preferred voice is a recorded
voice pack (:mod:`khiw.speech.voicepack`): a person's clips joined into the call, because
synthetic Thai is not understood in a waiting room. Every voice renders to PCM (not to a sound
card), the announcer joins chime and speech into one clip at the configured volume and plays
clips one after another, so announcements never overlap and a missing sound card only makes
the board silent, never stuck.
"""
