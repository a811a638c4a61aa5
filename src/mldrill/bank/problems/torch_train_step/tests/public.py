import torch

from mldrill.grading.testkit import case, expect_close


def _tiny():
    w = {
        "fc1.weight": torch.tensor([[2.0]]),
        "fc1.bias": torch.tensor([0.0]),
        "fc2.weight": torch.tensor([[3.0]]),
        "fc2.bias": torch.tensor([1.0]),
    }
    return w, torch.tensor([[1.0]]), torch.tensor([[0.0]])


@case("correctness", hint="zero_grad, forward, MSE loss, backward, step; return loss.item().")
def test_one_step(sol):
    # h = relu(2) = 2, prediction 7, loss 49; dL/dpred = 14, so fc2.bias -= 0.1 * 14.
    w, x, y = _tiny()
    t = sol.Trainer(w, 0.1)
    expect_close(t.train_step(x, y, 0), 49.0, rtol=1e-6, what="the returned loss")
    expect_close(t.state()["fc2.bias"], torch.tensor([-0.4]), rtol=1e-5, what="fc2.bias")
    expect_close(t.state()["fc1.weight"], torch.tensor([[-2.2]]), rtol=1e-5, what="fc1.weight")


@case("edge_cases", hint="predict runs the model in eval mode: no dropout.")
def test_predict_without_dropout(sol):
    w, x, _ = _tiny()
    t = sol.Trainer(w, 0.1, dropout=0.5)
    expect_close(t.predict(x), torch.tensor([[7.0]]), rtol=1e-6, what="predict([[1]])")
