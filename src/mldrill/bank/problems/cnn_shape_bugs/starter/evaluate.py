"""Accuracy of the hand-set colour classifier on fresh images."""

import numpy as np
from data import make_images
from model import colour_classifier_params, predict


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def run_inference(n=64, seed=0):
    images, labels = make_images(n, seed=seed)
    pred = predict(colour_classifier_params(), images)
    return {"predictions": pred, "accuracy": accuracy(labels, pred)}
